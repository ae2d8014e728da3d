#pragma once

#include <string>

namespace hotline::testing {

// GET http://127.0.0.1:<port><path>; returns the body ("" on any failure). For /metrics.
std::string HttpGet(int port, const std::string& path);

// The value of one Prometheus sample line, e.g. Sample(text, "hotline_x_total{code=\"OK\"}");
// -1 when absent.
double Sample(const std::string& metrics_text, const std::string& series);

}  // namespace hotline::testing
