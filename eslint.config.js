import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";

/**
 * The layers (docs/decisions/004-one-way-layers.md): imports run one way,
 * core ← connectors ← db ← reports ← workers / app ← server.ts / scripts.
 * Each zone forbids `target` from importing `from`.
 */
const LAYERS = ["core", "connectors", "db", "reports", "workers", "app"];
const above = {
  core: ["connectors", "db", "reports", "workers", "app", "scripts", "server.ts"],
  connectors: ["db", "reports", "workers", "app", "scripts", "server.ts"],
  db: ["reports", "workers", "app", "scripts", "server.ts"],
  reports: ["workers", "app", "scripts", "server.ts"],
  workers: ["app", "scripts", "server.ts"],
  app: ["workers", "scripts", "server.ts"],
};
// connectors/sandbox/ is a fixture, not a layer: it is exempt (and forbidden to production below).
const targetOf = { connectors: ["./connectors/!(sandbox)/**", "./connectors/*.ts"] };
const layerZones = LAYERS.map((layer) => ({
  target: targetOf[layer] ?? `./${layer}`,
  from: above[layer].map((f) => `./${f}`),
  message: `${layer}/ sits below these layers and must not import them (see docs/decisions/004-one-way-layers.md).`,
}));
export const boundaryZones = [
  ...layerZones,
  // The sandbox is a test and demo fixture: nothing in production imports it.
  {
    target: ["./core", "./db", "./reports", "./workers", "./app", "./server.ts", "./connectors/!(sandbox)/**", "./connectors/*.ts"],
    from: ["./connectors/sandbox"],
    message: "Production code never imports the platform sandbox (connectors/sandbox/).",
  },
];

/** Only db/ talks SQL: the query builder, the driver, the tables and the raw handle are its own. */
const SQL_MESSAGE = "SQL lives in db/: call (or add) a query module there.";
const sqlOnlyInDb = {
  "no-restricted-imports": [
    "error",
    {
      paths: [
        { name: "drizzle-orm", message: SQL_MESSAGE },
        { name: "better-sqlite3", message: SQL_MESSAGE },
      ],
      patterns: [
        { group: ["drizzle-orm/*"], message: SQL_MESSAGE },
        { regex: "(^|/)db/schema(\\.ts)?$", message: `${SQL_MESSAGE} Vocabularies come from core/enums.ts, row types from the query modules.` },
      ],
    },
  ],
  "no-restricted-syntax": ["error", { selector: "MemberExpression[property.name='$client']", message: SQL_MESSAGE }],
};

export default tseslint.config(
  { ignores: ["node_modules", "build", "public/build", ".cache", "db/migrations", "data", ".data"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // No inline `eslint-disable`: a rule that does not fit is changed here, for everyone.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "import-x/no-restricted-paths": ["error", { zones: boundaryZones }],
    },
  },
  {
    files: ["core/**", "connectors/**", "reports/**", "workers/**", "app/**", "server.ts", "scripts/**"],
    ignores: ["connectors/sandbox/**"],
    rules: sqlOnlyInDb,
  },
  // Tests may read raw rows loosely: an independent oracle should not share the code's row types.
  { files: ["tests/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
);
