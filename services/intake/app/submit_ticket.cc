#include "services/intake/app/submit_ticket.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"
#include "libs/domain/region_code.h"
#include "services/intake/rules/request_validation.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

SubmitTicket::SubmitTicket(AutocommitRunner& writes, const SubmissionStore& store,
                           Catalogue& catalogue, const KnowledgeStore& knowledge,
                           RecentTickets& recent, const Clock& clock, SubmitOptions options,
                           int writers, int max_batch, prometheus::Registry* registry,
                           int max_queue)
    : writes_(writes),
      catalogue_(catalogue),
      options_(options),
      context_{store, knowledge, recent, clock, options_},
      max_batch_(max_batch),
      max_queue_(static_cast<size_t>(std::max(1, max_queue))) {
  if (registry != nullptr) {
    submissions_ = &prometheus::BuildCounter()
                        .Name("hotline_intake_submissions_total")
                        .Help("Submissions written, by scope decision (or replayed)")
                        .Register(*registry);
    batch_sizes_ = &prometheus::BuildHistogram()
                        .Name("hotline_intake_write_batch_size")
                        .Help("Submissions written per transaction")
                        .Register(*registry)
                        .Add({}, prometheus::Histogram::BucketBoundaries{1, 2, 4, 8, 16, 32, 64});
    const prometheus::Histogram::BucketBoundaries seconds = {0.0005, 0.001, 0.002, 0.005, 0.01,
                                                             0.02,   0.05,  0.1,   0.25,  1};
    queue_waits_ = &prometheus::BuildHistogram()
                        .Name("hotline_intake_submit_queue_seconds")
                        .Help("Time a validated submission waited for a writer")
                        .Register(*registry)
                        .Add({}, seconds);
    write_times_ = &prometheus::BuildHistogram()
                        .Name("hotline_intake_write_seconds")
                        .Help("Time to write one batch of submissions, commit included")
                        .Register(*registry)
                        .Add({}, seconds);
    auto& lookups = prometheus::BuildCounter()
                        .Name("hotline_intake_write_batches_total")
                        .Help("Batches written, by whether they read before writing")
                        .Register(*registry);
    looked_up_ = &lookups.Add({{"lookup", "read"}});
    from_stock_ = &lookups.Add({{"lookup", "skipped"}});
    queue_length_ = &prometheus::BuildGauge()
                         .Name("hotline_intake_submit_queue_length")
                         .Help("Validated submissions waiting for a writer")
                         .Register(*registry)
                         .Add({});
    queue_full_ = &prometheus::BuildCounter()
                       .Name("hotline_intake_submit_queue_full_total")
                       .Help("Submissions refused UNAVAILABLE because the queue was full")
                       .Register(*registry)
                       .Add({});
  }
  for (int i = 0; i < writers; ++i) writers_.emplace_back([this, i] { Writer(i); });
}

void SubmitTicket::Count(const Submission& s) {
  if (submissions_ == nullptr || !s.result.ok()) return;
  const std::string decision =
      s.replay ? "replayed" : v1::ScopeDecision_Name(s.result->decision).substr(15);
  submissions_->Add({{"decision", decision}}).Increment();
}

SubmitTicket::~SubmitTicket() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : writers_) t.join();
}

void SubmitTicket::Start(const common::Actor& actor, SubmitCommand command, Done done) {
  auto job = std::make_unique<Job>();
  job->submission.command = std::move(command);
  job->submission.actor = actor;
  job->submission.key =
      ScopedIdempotencyKey(actor.principal(), job->submission.command.idempotency_key);
  job->done = std::move(done);
  // A gRPC callback thread must not wait for PostgreSQL, and reading the catalogue again does.
  // When the cached one has expired (once per ttl, and at start) the job goes to the writers
  // unprepared, and the writer reads the catalogue and prepares it. Simpler than refreshing the
  // cache in the background (no thread or timer of its own, no failed refresh to design for), and
  // the ttl keeps its exact meaning.
  if (std::shared_ptr<const CatalogueSnapshot> catalogue = catalogue_.Fresh()) {
    if (absl::Status refused = Prepare(*catalogue, job->submission); !refused.ok()) {
      job->done(std::move(refused));
      return;
    }
    job->prepared = true;
  }
  job->queued = absl::Now();
  absl::Status refused;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) {
      refused = absl::UnavailableError("intake is shutting down");
    } else if (queue_.size() >= max_queue_) {
      refused = absl::UnavailableError(
          "intake is busy: too many submissions wait to be written; retry shortly with the same "
          "idempotency_key");
      if (queue_full_ != nullptr) queue_full_->Increment();
    } else {
      queue_.push_back(std::move(job));
      if (queue_length_ != nullptr) queue_length_->Set(static_cast<double>(queue_.size()));
      return;
    }
  }
  job->done(std::move(refused));
}

absl::Status SubmitTicket::Prepare(const CatalogueSnapshot& catalogue, Submission& s) const {
  const SubmitCommand& command = s.command;
  std::vector<FieldViolation> violations = ValidateSubmit(command);
  auto category = catalogue.categories.find(command.category);
  const bool known_category = category != catalogue.categories.end() && category->second.active();
  if (!known_category && !command.category.empty()) {
    violations.push_back({"category", "is not an active category of the catalogue"});
  }
  if (!command.answered_with_article.empty() && command.kind != common::TICKET_KIND_CONSULTATION) {
    violations.push_back({"answered_with_article", "only consultations are answered this way"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  s.category = category->second;
  s.region = domain::RegionCode::Parse(command.region_code)->code();
  s.scope = catalogue.scope.Decide({command.category, command.kind, command.content,
                                    command.involves_minor || s.category.minor_protection(),
                                    command.emergency});
  return absl::OkStatus();
}

void SubmitTicket::Writer(int index) {
  IdentityStockOptions stock_options;
  stock_options.max = max_batch_;
  stock_options.busy_gap = options_.busy_gap;
  IdentityStock stock(stock_options);
  // Writer n starts a batch once n * kJoinQueue submissions wait, or the oldest has waited
  // n * kJoinAfter (see the class comment).
  const size_t waiting = static_cast<size_t>(std::max(1, index * kJoinQueue));
  const absl::Duration overdue = index * kJoinAfter;
  while (true) {
    std::vector<std::unique_ptr<Job>> jobs;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this, waiting, overdue]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return queue_.size() >= waiting || stopping_ ||
               (!queue_.empty() && absl::Now() - queue_.front()->queued >= overdue);
      };
      if (index == 0) {
        mu_.Await(absl::Condition(&ready));
      } else {
        // The age is checked whenever the mutex is released, and at least every kJoinAfter for
        // a queue that nothing touches.
        while (!mu_.AwaitWithTimeout(absl::Condition(&ready), kJoinAfter)) {
        }
      }
      if (queue_.empty()) return;  // stopping, and nothing left to write
      while (!queue_.empty() && static_cast<int>(jobs.size()) < max_batch_) {
        jobs.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      if (queue_length_ != nullptr) queue_length_->Set(static_cast<double>(queue_.size()));
    }
    const absl::Time taken = absl::Now();
    if (queue_waits_ != nullptr) {
      for (const auto& job : jobs) {
        queue_waits_->Observe(absl::ToDoubleSeconds(taken - job->queued));
      }
    }
    absl::StatusOr<std::shared_ptr<const CatalogueSnapshot>> catalogue = nullptr;  // not read yet
    std::vector<Submission*> batch;
    for (const auto& job : jobs) {
      Submission& s = job->submission;
      if (!job->prepared) {
        if (catalogue.ok() && *catalogue == nullptr) catalogue = catalogue_.Current();
        absl::Status prepared = catalogue.ok() ? Prepare(**catalogue, s) : catalogue.status();
        if (!prepared.ok()) {
          s.result = std::move(prepared);
          continue;
        }
      }
      batch.push_back(&s);
    }
    if (!batch.empty()) {
      stock.NoteBatch(static_cast<int>(batch.size()), context_.clock.Now());
      const absl::Time start = absl::Now();
      Write(batch, stock);
      if (write_times_ != nullptr) {
        write_times_->Observe(absl::ToDoubleSeconds(absl::Now() - start));
      }
    }
    for (const auto& job : jobs) {
      Count(job->submission);
      job->done(std::move(job->submission.result));
    }
  }
}

void SubmitTicket::Write(const std::vector<Submission*>& batch, IdentityStock& stock) {
  if (batch_sizes_ != nullptr) batch_sizes_->Observe(static_cast<double>(batch.size()));
  absl::Status status;
  // A key race undoes the batch's write; written again, the race's loser answers from the winner.
  WriterTurn turn{stock};
  for (int attempt = 0; attempt < 3; ++attempt) {
    turn.look_up_first = attempt > 0;
    status =
        writes_.Run([&](Transaction& tx) { return WriteSubmissions(tx, batch, context_, turn); });
    if (status.ok() && looked_up_ != nullptr) {
      (turn.looked_up ? looked_up_ : from_stock_)->Increment();
    }
    if (!IsIdempotencyRace(status)) break;  // a race undid the statement, so the stock is whole
  }
  if (!status.ok() && !IsIdempotencyRace(status)) stock.Discard();
  const bool replays =
      std::any_of(batch.begin(), batch.end(), [](const Submission* s) { return s->replay; });
  if (status.ok() && replays) {
    status = writes_.Run([&](Transaction& tx) {
      ReplaySubmissions(tx, context_.store, batch);
      return absl::OkStatus();
    });
  }
  if (!status.ok() && batch.size() > 1) {
    // One submission may have failed them all: write each alone, so it fails by itself.
    for (Submission* s : batch) Write({s}, stock);
    return;
  }
  if (!status.ok()) {
    for (Submission* s : batch) s->result = status;
  }
}

}  // namespace hotline::intake
