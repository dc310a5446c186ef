/**
 * The impersonation review page's request helpers: an entity's candidates and its last watch run
 * (db/read/impersonation.ts), and review decisions (db/impersonation.ts), parsed and checked here.
 * Visibility is decided by the caller (requireEntityAccess / requireReviewer).
 */
import type { SessionUser } from "../../core/access";
import { CANDIDATE_STATUSES, type CandidateStatus } from "../../core/enums";
import { ALERT_THRESHOLD } from "../../core/impersonation/score";
import { bidiControlIn } from "../../core/bidi";
import { CandidateChanged, candidateRef, decideCandidate, type CandidateDecision } from "../../db/impersonation";
import { candidateCounts, entityCandidates, impostorCountsByEntity, latestWatchRun, type CandidateView } from "../../db/read/impersonation";
import { db } from "./db.server";
import { badRequest, notFound } from "./http.server";

export { ALERT_THRESHOLD };

/** Per entity id: candidates marked impostor, and open ones at or above the alert threshold (the CSB comparison). */
export function impostorCounts(): Record<number, { impostors: number; suspected: number }> {
  return Object.fromEntries(impostorCountsByEntity(db()));
}

export function impersonationPage(entityId: number, view: CandidateView) {
  return { rows: entityCandidates(db(), entityId, view), counts: candidateCounts(db(), entityId), lastRun: latestWatchRun(db(), entityId) ?? null };
}

const DECISIONS = CANDIDATE_STATUSES.filter((s): s is Exclude<CandidateStatus, "open"> => s !== "open");
const NOTE_MAX = 1_000;

/** Reads a decision form: candidate id, decision, and its date (impostor) or note (benign). Bad input → 400 naming the field. */
export function parseCandidateDecision(form: FormData, today: string): { id: number; decision: CandidateDecision } {
  const id = String(form.get("candidate") ?? "");
  if (!/^\d{1,12}$/.test(id)) badRequest("candidate: expected a candidate id");
  const status = String(form.get("decision") ?? "");
  if (!(DECISIONS as readonly string[]).includes(status)) badRequest(`decision: expected one of ${DECISIONS.join(", ")}`);
  const note = String(form.get("note") ?? "").trim();
  if (note.length > NOTE_MAX) badRequest(`note: at most ${NOTE_MAX} characters`);
  const control = bidiControlIn(note);
  if (control) badRequest(`note: contains the bidirectional control ${control}`);
  const reported = String(form.get("reportedOn") ?? "").trim();
  if (reported && (!/^\d{4}-\d{2}-\d{2}$/.test(reported) || Number.isNaN(Date.parse(`${reported}T00:00:00Z`)))) badRequest("reportedOn: expected a date (YYYY-MM-DD)");
  if (reported && reported > today) badRequest("reportedOn: the date is in the future");
  if (status === "benign" && !note) badRequest("note: say why the account is benign (fan, parody, unrelated)");
  return {
    id: Number(id),
    decision: { status: status as CandidateDecision["status"], reportedOn: status === "impostor" ? reported || null : null, note: note || null },
  };
}

/**
 * Records a decision on one of the entity's candidates; a candidate of another entity answers
 * like a missing one (404). Returns the candidate as decided, or "changed" when someone else
 * decided it meanwhile.
 */
export function decide(user: SessionUser, entityId: number, id: number, d: CandidateDecision, now: number): { platform: string; handle: string } | "changed" {
  const before = candidateRef(db(), id);
  if (!before || before.entityId !== entityId) notFound();
  try {
    decideCandidate(db(), user, before, d, now);
  } catch (e) {
    if (e instanceof CandidateChanged) return "changed";
    throw e;
  }
  return { platform: before.platform, handle: before.handle };
}
