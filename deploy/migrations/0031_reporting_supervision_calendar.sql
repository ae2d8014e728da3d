-- One source for the working calendar: reporting's working-time indicators read the calendars
-- deadline supervision keeps (supervision_calendars, edited through UpsertCalendar) by the code a
-- catalogue version names, instead of a copy that drifted the day an operator edited a holiday.
-- A report already handed over is a frozen snapshot (reporting_frozen_*), so it does not move.
ALTER TABLE reporting_catalogue_versions
  DROP CONSTRAINT reporting_catalogue_versions_calendar_fkey;
DROP TABLE reporting_calendars;
