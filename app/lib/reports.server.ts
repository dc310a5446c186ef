/**
 * The app's door to the reports part (reports/): routes import from here so that Remix's compiler,
 * which empties `*.server` modules of app/ in the browser build, never follows reports/ (Node
 * built-ins, Chromium) into the client bundle.
 */
export { canGenerate, generatableEntities, lastCompleteWeek, listReports, reportForUser } from "../../reports/access";
export { generateReport, IntegrityError, readVerified, reportData } from "../../reports/archive";
export { reportHtml } from "../../reports/html";
export { localeSchema, parseWeek, ReportInputError } from "../../reports/week";
