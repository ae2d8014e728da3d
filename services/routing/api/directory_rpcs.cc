// The directory's RPCs: units, department types, the dispatch catalogue, the import, the status.
#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/service/rpc_handler.h"
#include "services/routing/api/access.h"
#include "services/routing/api/routing_service.h"

namespace hotline::routing {
namespace {

// A whole import is at most this many chunks (the client sends a few thousand rows in each).
constexpr size_t kMaxImportChunks = 100000;

}  // namespace

grpc::Status RoutingService::UpsertUnit(Context* context, const v1::UpsertUnitRequest* request,
                                        v1::UpsertUnitResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<UnitWritten> written = use_cases_.unit_admin.Upsert(request->unit());
    if (!written.ok()) return written.status();
    *response->mutable_unit() = std::move(written->unit);
    response->set_directory_version(written->directory_version);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::DeactivateUnit(Context* context,
                                            const v1::DeactivateUnitRequest* request,
                                            v1::DeactivateUnitResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<int64_t> version = use_cases_.unit_admin.Deactivate(request->unit_id());
    if (!version.ok()) return version.status();
    response->set_directory_version(*version);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::GetUnit(Context* context, const v1::GetUnitRequest* request,
                                     v1::GetUnitResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<v1::Unit> unit = use_cases_.unit_admin.Get(request->unit_id());
    if (!unit.ok()) return unit.status();
    *response->mutable_unit() = *std::move(unit);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::UpsertDepartmentType(Context* context,
                                                  const v1::UpsertDepartmentTypeRequest* request,
                                                  v1::UpsertDepartmentTypeResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<int64_t> version =
        use_cases_.catalogue.UpsertDepartmentType(request->department());
    if (!version.ok()) return version.status();
    *response->mutable_department() = request->department();
    response->set_directory_version(*version);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::ListDepartmentTypes(Context* context,
                                                 const v1::ListDepartmentTypesRequest*,
                                                 v1::ListDepartmentTypesResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    auto departments = use_cases_.catalogue.ListDepartmentTypes();
    if (!departments.ok()) return departments.status();
    for (v1::DepartmentType& d : *departments) *response->add_departments() = std::move(d);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::UpsertCatalogueRule(Context* context,
                                                 const v1::UpsertCatalogueRuleRequest* request,
                                                 v1::UpsertCatalogueRuleResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<RuleWritten> written = use_cases_.catalogue.UpsertRule(request->rule());
    if (!written.ok()) return written.status();
    *response->mutable_rule() = std::move(written->rule);
    response->set_directory_version(written->directory_version);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::DeactivateCatalogueRule(
    Context* context, const v1::DeactivateCatalogueRuleRequest* request,
    v1::DeactivateCatalogueRuleResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<int64_t> version = use_cases_.catalogue.DeactivateRule(request->rule_id());
    if (!version.ok()) return version.status();
    response->set_directory_version(*version);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::ListCatalogueRules(Context* context,
                                                const v1::ListCatalogueRulesRequest* request,
                                                v1::ListCatalogueRulesResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    auto rules = use_cases_.catalogue.ListRules(request->include_inactive());
    if (!rules.ok()) return rules.status();
    for (v1::CatalogueRule& r : *rules) *response->add_rules() = std::move(r);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::GetDirectoryStatus(Context* context,
                                                const v1::GetDirectoryStatusRequest*,
                                                v1::GetDirectoryStatusResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    const std::shared_ptr<const DirectorySnapshot> current = use_cases_.directory.Current();
    response->set_directory_version(current->version());
    response->set_units(static_cast<int64_t>(current->unit_count()));
    response->set_rules(static_cast<int64_t>(current->rules().size()));
    *response->mutable_loaded_at() = ToTimestamp(current->loaded_at());
    response->set_load_seconds(absl::ToDoubleSeconds(current->load_time()));
    response->set_memory_bytes(static_cast<int64_t>(current->MemoryBytes()));
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::ImportDirectory(Context* context,
                                             grpc::ServerReader<v1::ImportDirectoryChunk>* reader,
                                             v1::ImportDirectoryResponse* response) {
  return Serve(context, [&](const service::Principal&) -> absl::Status {
    std::vector<v1::ImportDirectoryChunk> chunks;
    v1::ImportDirectoryChunk chunk;
    int64_t bytes = 0;
    while (reader->Read(&chunk)) {
      if (chunks.size() == kMaxImportChunks) {
        return absl::ResourceExhaustedError("too many chunks; send more rows in each");
      }
      bytes += static_cast<int64_t>(chunk.ByteSizeLong());
      if (bytes > import_max_bytes_) {
        // Refused before the rest is read: nothing of it has been written.
        return absl::ResourceExhaustedError(
            absl::StrCat("the import is larger than ", import_max_bytes_,
                         " bytes (--directory_import_max_bytes); import it in parts without "
                         "replace"));
      }
      chunks.push_back(std::move(chunk));
      chunk.Clear();
    }
    DirectoryImport rows;
    rows.replace = !chunks.empty() && chunks.front().replace();
    for (const v1::ImportDirectoryChunk& c : chunks) {
      for (const auto& d : c.departments()) rows.departments.push_back(&d);
      for (const auto& u : c.units()) rows.units.push_back(&u);
      for (const auto& r : c.rules()) rows.rules.push_back(&r);
    }
    absl::StatusOr<ImportCounts> counts = use_cases_.importer.Import(rows);
    if (!counts.ok()) return counts.status();
    response->set_departments(counts->departments);
    response->set_units(counts->units);
    response->set_deactivated_units(counts->deactivated_units);
    response->set_rules(counts->rules);
    response->set_deactivated_rules(counts->deactivated_rules);
    response->set_directory_version(counts->directory_version);
    return absl::OkStatus();
  });
}

}  // namespace hotline::routing
