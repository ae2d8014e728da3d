#pragma once

#include <string>

namespace hotline {

// A random (version 4) UUID in canonical text form, for event ids.
std::string NewUuid();

}  // namespace hotline
