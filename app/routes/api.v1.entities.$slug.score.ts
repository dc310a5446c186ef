/**
 * GET /api/v1/entities/:slug/score?week=YYYY-MM-DD — an entity's compliance score for the week
 * (Sunday–Saturday, Asia/Bahrain) containing that day (default: this week), with its parts and
 * the sums they come from: the same rollups and formula as the dashboard (core/compliance).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { addDays, bahrainDay, isDay, weekStart } from "../../core/calendar";
import { OVERALL_WEIGHTS, scorePeriod } from "../../core/compliance/formula";
import { entityRollups } from "../../db/read/rollups";
import { db } from "~/lib/db.server";
import { apiError, apiJson, knownParams, requireToken, visibleEntity } from "~/lib/api.server";
import { rateLimitHeaders } from "~/lib/rate-limit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const caller = await requireToken(request, "read");
  const url = new URL(request.url);
  knownParams(url, ["week"]);
  const entity = visibleEntity(caller.user, params.slug ?? "");
  const now = Date.now();
  const week = url.searchParams.get("week");
  if (week !== null && !isDay(week)) apiError(400, `week: expected a date YYYY-MM-DD, got ${JSON.stringify(String(week).slice(0, 40))}`);
  const from = weekStart(week ?? bahrainDay(now));
  const to = addDays(from, 6);
  const s = scorePeriod(entityRollups(db(), entity.id, from, to), bahrainDay(now));
  const t = s.totals;
  return apiJson(
    {
      entity: { slug: entity.slug, nameAr: entity.nameAr, nameEn: entity.nameEn },
      weekStart: from,
      weekEnd: to,
      overall: s.overall,
      content: s.content,
      governance: s.governance,
      responsiveness: s.responsiveness,
      weights: OVERALL_WEIGHTS,
      parts: {
        content: { posts: t.posts, flags: t.flags, weightedFlags: t.weightedFlags, weightedPer100: s.weightedPer100, flagsPer100: s.flagsPer100 },
        governance: { controlsApplicable: t.controlsApplicable, controlsMet: t.controlsMet },
        responsiveness: { flagsRaised: t.flagsRaised, flagsDue: t.flagsDue, reviewed: t.reviewed, reviewedOnTime: t.reviewedOnTime, reviewSeconds: t.reviewSeconds },
        openFlags: t.openFlags,
      },
      byCategory: t.byCategory,
      bySeverity: t.bySeverity,
      byClause: t.byClause,
    },
    200,
    rateLimitHeaders(caller.limit),
  );
}
