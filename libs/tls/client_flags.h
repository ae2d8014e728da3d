#pragma once

#include "libs/tls/dial.h"

namespace hotline::tls {

// --tls_ca, --tls_client_cert, --tls_client_key, --tls_server_name of a command-line tool (the
// tools read HOTLINE_TLS_CA … from the environment as they do for every flag).
ClientTls ClientTlsFromFlags();

}  // namespace hotline::tls
