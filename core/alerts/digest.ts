/**
 * The daily digest's schedule (pure): 08:00 Asia/Bahrain on working days (Sunday–Thursday). Each
 * digest covers the time since the previous slot, so Sunday's covers Thursday 08:00 → Sunday 08:00
 * (the weekend included) and nothing falls between two digests.
 */
import { addDays, bahrainDay, dayStart, isWorkingDay, type Day } from "../calendar";

export const DIGEST_HOUR = 8;
/** BullMQ job-scheduler pattern and zone for the digest. */
export const DIGEST_PATTERN = `0 ${DIGEST_HOUR} * * 0-4`;
export const DIGEST_TZ = "Asia/Bahrain";

const slotOf = (day: Day) => dayStart(day) + DIGEST_HOUR * 3600_000;

/** The latest digest slot at or before `now` (epoch ms). */
export function digestSlot(now: number): { day: Day; at: number } {
  let day = bahrainDay(now);
  for (let i = 0; i < 8; i++) {
    if (isWorkingDay(day) && slotOf(day) <= now) return { day, at: slotOf(day) };
    day = addDays(day, -1);
  }
  throw new Error("unreachable: a working day falls in every week");
}

/** The period the digest of the slot at or before `now` covers: [previous slot, this slot). */
export function digestPeriod(now: number): { day: Day; from: number; to: number } {
  const slot = digestSlot(now);
  const previous = digestSlot(slot.at - 1);
  return { day: slot.day, from: previous.at, to: slot.at };
}
