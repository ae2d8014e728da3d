// hotline-intake: the front door for every 12345 / 96128 / 12349 front-end.
#include "absl/flags/flag.h"
#include "libs/common/log.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/service_main.h"
#include "libs/text/segmenter.h"
#include "services/intake/api/intake_access.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/app/idempotency_retention.h"
#include "services/intake/app/ticket_lookup.h"
#include "services/intake/events/recent_tickets_feed.h"
#include "services/intake/store/audit_trail_store.h"
#include "services/intake/store/caller_flag_store.h"
#include "services/intake/store/catalogue_store.h"
#include "services/intake/store/duplicate_link_store.h"
#include "services/intake/store/idempotency_retention_store.h"
#include "services/intake/store/knowledge_store.h"
#include "services/intake/store/recent_tickets_source.h"
#include "services/intake/store/submission_store.h"
#include "services/intake/store/ticket_records_store.h"

ABSL_FLAG(absl::Duration, catalogue_ttl, absl::Seconds(5),
          "How long categories and scope rules are cached; edits by other replicas show within it");
ABSL_FLAG(bool, answer_consultations, true,
          "Answer consultations automatically when the knowledge base has a confident match");
ABSL_FLAG(double, answer_min_question_coverage, 0.4,
          "Share (0..1) of the best article's own question the caller's words must contain for "
          "a consultation to be answered automatically");
ABSL_FLAG(absl::Duration, taker_full_view, hotline::intake::TicketLookup::kDefaultTakerFullView,
          "How long the front-end credential that took a ticket reads it unmasked");
ABSL_FLAG(absl::Duration, duplicate_window, absl::Hours(72),
          "How far back a submission is compared with earlier tickets");
ABSL_FLAG(int, submit_writers, 2,
          "Threads writing submissions; each commits everything queued so far in one transaction");
ABSL_FLAG(int, submit_max_batch, 64, "Most submissions one transaction writes");
ABSL_FLAG(int, submit_queue_limit, 5000,
          "Most validated submissions waiting for a writer; beyond it SubmitTicket answers "
          "UNAVAILABLE at once (about 4 s of the bench's 1,300 tickets/s)");
ABSL_FLAG(absl::Duration, submit_busy_gap, absl::Milliseconds(50),
          "Batches starting closer together than this mean a writer is busy: it then draws the "
          "next batch's ticket identities with each write and skips the look-up");
ABSL_FLAG(double, duplicate_min_similarity, 0.5,
          "Content similarity (0..1) from which a ticket is flagged as a possible duplicate");
ABSL_FLAG(absl::Duration, duplicate_feed_poll, absl::Milliseconds(250),
          "How often tickets written by other replicas are read into duplicate detection");

ABSL_FLAG(std::string, segmenter_dict, hotline::text::kDebianJiebaDictionary,
          "Word-segmentation dictionary of the knowledge-base search (jieba's dict.txt format, "
          "from Debian's python3-jieba); \"\" searches by character bigrams alone");

ABSL_FLAG(absl::Duration, caller_flags_poll, absl::Seconds(5),
          "How often flagged callers are read again; flags set through another replica apply "
          "within it");

ABSL_FLAG(absl::Duration, idempotency_window, absl::Hours(72),
          "How long a front-end's idempotency key is remembered (then forgotten within the hour): "
          "the same key after it is a new request");

int main(int argc, char** argv) {
  using namespace hotline::intake;
  hotline::service::ServiceMain main_({"intake", 50051, 9151}, argc, argv);
  const int writers = absl::GetFlag(FLAGS_submit_writers);
  if (writers < 1 || absl::GetFlag(FLAGS_submit_max_batch) < 1 ||
      absl::GetFlag(FLAGS_submit_queue_limit) < 1) {
    hotline::log::Error(
        "--submit_writers, --submit_max_batch and --submit_queue_limit must be at least 1");
    return 1;
  }

  PgCatalogueStore catalogue_store;
  PgKnowledgeStore knowledge_store;
  PgDuplicateLinkStore link_store;
  PgTicketRecordsStore record_store;
  PgRecentTicketsSource recent_source(main_.cipher());

  Catalogue catalogue(main_.transactions(), catalogue_store, absl::GetFlag(FLAGS_catalogue_ttl),
                      main_.clock());
  // The dictionary is required unless switched off: a search without words silently finds less.
  std::unique_ptr<hotline::text::Segmenter> segmenter;
  if (const std::string dict = absl::GetFlag(FLAGS_segmenter_dict); !dict.empty()) {
    auto loaded = hotline::text::Segmenter::FromFile(dict);
    if (!loaded.ok()) {
      hotline::log::Error(
          "no word-segmentation dictionary for the knowledge base: install "
          "python3-jieba, point --segmenter_dict at a jieba dict.txt, or pass "
          "--segmenter_dict= to search by character bigrams alone",
          {{"error", std::string(loaded.status().message())}});
      return 1;
    }
    segmenter = *std::move(loaded);
  } else {
    hotline::log::Warning("--segmenter_dict is empty: the knowledge base searches without words");
  }
  const KnowledgeSearchSettings search{segmenter.get(), {}};
  KnowledgeBase knowledge(main_.transactions(), knowledge_store, main_.clock(), search);
  SubmitOptions options;
  options.knowledge_search = search;
  options.answer_consultations = absl::GetFlag(FLAGS_answer_consultations);
  options.answer_min_question_coverage = absl::GetFlag(FLAGS_answer_min_question_coverage);
  options.duplicates.window = absl::GetFlag(FLAGS_duplicate_window);
  options.duplicates.min_similarity = absl::GetFlag(FLAGS_duplicate_min_similarity);
  options.busy_gap = absl::GetFlag(FLAGS_submit_busy_gap);
  RecentTickets recent(options.duplicates.window);
  RecentTicketsFeed feed(main_.transactions(), recent_source, recent, main_.clock(),
                         options.duplicates.window, {absl::GetFlag(FLAGS_duplicate_feed_poll)});
  if (absl::Status loaded = feed.Load(); !loaded.ok()) {
    hotline::log::Error("cannot read recent tickets", {{"error", std::string(loaded.message())}});
    return 1;
  }
  feed.Start();
  const PgCallerFlagStore flag_store;
  CallerFlags caller_flags(main_.transactions(), flag_store, main_.cipher(), main_.clock(),
                           absl::GetFlag(FLAGS_caller_flags_poll));
  if (absl::Status loaded = caller_flags.Load(); !loaded.ok()) {
    hotline::log::Error("cannot read flagged callers", {{"error", std::string(loaded.message())}});
    return 1;
  }
  caller_flags.Start();
  options.flagged_callers = &caller_flags;
  // The writers' connections of their own, with generic plans (pg_pool.h): planning a batch's
  // look-up and insert on every execution took a quarter of their time in bench_intake_load.
  hotline::pg::PgPoolOptions writer_pool = main_.pool().options();
  writer_pool.size = writers;
  writer_pool.application_name += "-writer";
  writer_pool.generic_plans = true;
  hotline::pg::PgPool writer_connections(writer_pool);
  hotline::pg::PgAutocommitRunner writes(writer_connections);
  const PgSubmissionStore submissions(main_.tickets());
  SubmitTicket submit(writes, submissions, catalogue, knowledge_store, recent, main_.clock(),
                      options, writers, absl::GetFlag(FLAGS_submit_max_batch), &main_.metrics(),
                      absl::GetFlag(FLAGS_submit_queue_limit));
  TicketLookup lookup(main_.transactions(), main_.tickets(), record_store, link_store,
                      main_.clock(), absl::GetFlag(FLAGS_taker_full_view));
  CallerActions caller_actions(main_.transactions(), main_.tickets());
  DuplicateReview duplicates(main_.transactions(), main_.tickets(), link_store, main_.clock());
  const PgIdempotencyRetentionStore retention_store;
  IdempotencyRetention retention(main_.transactions(), retention_store, main_.clock(),
                                 {.window = absl::GetFlag(FLAGS_idempotency_window)});
  if (main_.config().run_maintenance) retention.Start();
  const PgAuditTrailStore trail_store;
  AuditTrail audit_trail(main_.transactions(), trail_store);

  IntakeService service(
      {submit, lookup, caller_actions, duplicates, catalogue, knowledge, audit_trail, caller_flags},
      main_.callers());
  main_.AddService(&service, IntakeAccess());
  return main_.Run();
}
