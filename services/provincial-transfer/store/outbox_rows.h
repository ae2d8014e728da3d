#pragma once

#include <pqxx/result>
#include <pqxx/row>
#include <string>

#include "libs/crypto/field_cipher.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// A bytea column read as base64 text (encode(…, 'base64') in SQL: libpqxx 6 binds no binary),
// which PostgreSQL breaks into lines every 76 characters.
std::string BytesOf(const pqxx::field& field);

// An outbox row selected as (id, ticket_id, sequence, envelope as base64, attempts, sealed), its
// envelope opened, or `readable` saying why it does not open.
OutboxMessage ReadOutboxRow(const pqxx::row& row, const std::string& peer,
                            const crypto::FieldCipher& cipher);

}  // namespace hotline::transfer
