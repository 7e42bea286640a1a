#include "indicheck/reports.h"
