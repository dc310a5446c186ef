import type { CSSProperties, ReactNode } from "react";

/** A page's title block: heading, optional subtitle, and whatever sits at the end of the line. */
export function PageHead({
  title,
  subtitle,
  children,
  style,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  children?: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <div className="page-head" style={style}>
      <div>
        <h1>{title}</h1>
        {subtitle != null && subtitle !== "" && <p className="subtitle">{subtitle}</p>}
      </div>
      {children}
    </div>
  );
}
