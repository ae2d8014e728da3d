# Writes OUT: a C++ file defining hotline::pg::EmbeddedMigrations() from FILES
# (deploy/migrations/NNNN_name.sql, applied in version order).
set(body "")
foreach(f ${FILES})
  get_filename_component(fname ${f} NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.+)$" _ ${fname})
  if(NOT CMAKE_MATCH_1)
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${f}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ ${f} sql)
  string(APPEND body "    {${version}, \"${CMAKE_MATCH_2}\", R\"hotline_sql(${sql})hotline_sql\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from deploy/migrations by embed_migrations.cmake. Do not edit.
#include \"libs/pg/migrator.h\"

namespace hotline::pg {

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration>* const migrations = new std::vector<Migration>{
${body}  };
  return *migrations;
}

}  // namespace hotline::pg
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
