#pragma once

#include "absl/strings/string_view.h"

namespace hotline::domain {

// The shapes of the directory's identifiers, checked once for routing's admin RPCs and the
// directory tool's files. The routing schema holds the same shapes as CHECK constraints.

// A department type: ^[a-z][a-z0-9-]{0,63}$, e.g. "civil-affairs".
bool IsDepartmentCode(absl::string_view code);

// A unit id: ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$, e.g. "530102:civil-affairs".
bool IsUnitId(absl::string_view id);

}  // namespace hotline::domain
