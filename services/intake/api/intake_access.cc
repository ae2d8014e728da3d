#include "services/intake/api/intake_access.h"

namespace hotline::intake {

const service::AccessTable& IntakeAccess() {
  namespace common = hotline::common::v1;
  using service::Scope;
  constexpr common::Role kFrontend = common::ROLE_FRONTEND, kUnit = common::ROLE_UNIT,
                         kOffice = common::ROLE_SUPERVISOR, kProvince = common::ROLE_PROVINCE,
                         kReporting = common::ROLE_REPORTING, kAdmin = common::ROLE_ADMIN;
  constexpr char kRpc[] = "/hotline.intake.v1.Intake/";
  auto rpc = [&](const char* method) { return std::string(kRpc) + method; };
  // A ticket is taken whatever its region: an out-of-area call is transferred, and the front-end
  // reads back what it took (issue 25 item 3).
  static const service::AccessTable table({
      {rpc("SubmitTicket"), {kFrontend, kOffice, kProvince}, Scope::kOwnSubmissions},
      // A front-end reads in full only what it took, for --taker_full_view (ticket_access.h), and
      // the rest of its jurisdiction masked; it adds to and withdraws only what it took.
      {rpc("GetTicket"), {kFrontend}, Scope::kOwnSubmissions},
      {rpc("GetTicket"), {kOffice, kProvince, kAdmin}, Scope::kJurisdiction},
      {rpc("AddSupplement"), {kFrontend}, Scope::kOwnSubmissions},
      {rpc("AddSupplement"), {kOffice}, Scope::kJurisdiction},
      {rpc("WithdrawTicket"), {kFrontend}, Scope::kOwnSubmissions},
      {rpc("WithdrawTicket"), {kOffice}, Scope::kJurisdiction},
      {rpc("SearchKnowledge"), {kFrontend, kOffice, kUnit, kAdmin}, Scope::kReference},
      {rpc("UpsertKnowledgeArticle"), {kOffice, kAdmin}, Scope::kInstanceWide},
      {rpc("RetireKnowledgeArticle"), {kOffice, kAdmin}, Scope::kInstanceWide},
      // Synonyms rank every search of the instance: edited for all of it, read by its editors.
      {rpc("SetKnowledgeSynonyms"), {kOffice, kAdmin}, Scope::kInstanceWide},
      {rpc("ListKnowledgeSynonyms"), {kOffice, kAdmin}, Scope::kReference},
      {rpc("ListDuplicateLinks"), {kOffice}, Scope::kJurisdiction},
      {rpc("MergeTickets"), {kOffice}, Scope::kJurisdiction},
      {rpc("UnlinkDuplicate"), {kOffice}, Scope::kJurisdiction},
      {rpc("ListScopeRules"), {kOffice, kAdmin}, Scope::kReference},
      {rpc("UpsertScopeRule"), {kOffice, kAdmin}, Scope::kInstanceWide},
      {rpc("ListCategories"),
       {kFrontend, kUnit, kOffice, kProvince, kReporting, kAdmin},
       Scope::kReference},
      {rpc("UpsertCategory"), {kOffice, kAdmin}, Scope::kInstanceWide},
      // Who saw whose data is the office's to check, within its jurisdiction.
      {rpc("ListAuditTrail"), {kOffice}, Scope::kJurisdiction},
      // The list holds for every ticket the instance takes: set by its office as a whole, read
      // by any office of it (it shows no phone).
      {rpc("FlagCaller"), {kOffice}, Scope::kInstanceWide},
      {rpc("LiftCallerFlag"), {kOffice}, Scope::kInstanceWide},
      {rpc("ListCallerFlags"), {kOffice}, Scope::kReference},
  });
  return table;
}

}  // namespace hotline::intake
