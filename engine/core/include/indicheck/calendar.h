// Calendar dates as the command line and profiles write them: "YYYY-MM-DD".
//
// One check for every reader of a date (`--date`, waiver `expires`), so 2024-02-30 is refused
// everywhere alike and no stage compares an impossible date as a string.
#pragma once

#include <string_view>

namespace indicheck {

// True when `iso` is exactly YYYY-MM-DD (ten characters, ASCII digits) and names a day that
// exists in the proleptic Gregorian calendar: month 1-12, day within the month, February 29
// only in leap years (divisible by 4, centuries only when divisible by 400).
bool is_calendar_date(std::string_view iso);

}  // namespace indicheck
