// is_calendar_date: the one check behind --date and waiver `expires` (issue 17, defect 10).
#include "indicheck/calendar.h"

#include <catch2/catch.hpp>

using indicheck::is_calendar_date;

TEST_CASE("calendar dates: shape, month lengths and leap years", "[core][calendar]") {
  for (const char* ok : {"2024-02-29", "2000-02-29", "2026-01-31", "2026-04-30", "2026-12-31",
                         "1999-02-28", "0001-01-01"}) {
    INFO(ok);
    CHECK(is_calendar_date(ok));
  }
  for (const char* bad : {"2024-02-30",  "2026-02-29", "2100-02-29", "1900-02-29", "2025-02-30",
                          "2026-04-31",  "2026-06-31", "2026-09-31", "2026-11-31", "2026-13-01",
                          "2026-00-10",  "2026-01-00", "2026-01-32", "2026-1-01",  "2026/01/01",
                          "2026-01-01x", "20260101",   "",           "2026-0a-01", "-026-01-01"}) {
    INFO(bad);
    CHECK_FALSE(is_calendar_date(bad));
  }
}
