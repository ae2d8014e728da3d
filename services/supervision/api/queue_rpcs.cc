// The hotline office's queues: pending suspension and extension requests, replies awaiting
// review, follow-up calls due.
#include "absl/time/time.h"
#include "libs/service/rpc_handler.h"
#include "services/supervision/api/supervision_service.h"

namespace hotline::supervision {
namespace {

using service::HandleRpc;
using service::Principal;

OfficeQueueQuery QueryOf(const v1::OfficeQueueRequest& r) {
  OfficeQueueQuery q;
  q.filter.region_prefix = r.region_prefix();
  q.filter.category_prefix = r.category_prefix();
  q.filter.urgency = static_cast<int>(r.urgency());
  if (r.has_min_age()) {
    q.min_age = absl::Seconds(r.min_age().seconds()) + absl::Nanoseconds(r.min_age().nanos());
  }
  q.page_size = r.page_size();
  q.page_token = r.page_token();
  return q;
}

}  // namespace

grpc::Status SupervisionService::ListQueue(Context* context, OfficeQueue queue,
                                           const v1::OfficeQueueRequest& request,
                                           v1::OfficeQueueResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::StatusOr<OfficeQueuePage> page =
        queues_.List(caller.jurisdiction, queue, QueryOf(request));
    if (!page.ok()) return page.status();
    for (v1::OfficeQueueItem& item : page->items) *response->add_items() = std::move(item);
    response->set_next_page_token(std::move(page->next_page_token));
    response->set_total(page->total);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::ListPendingSuspensions(Context* context,
                                                        const v1::OfficeQueueRequest* request,
                                                        v1::OfficeQueueResponse* response) {
  return ListQueue(context, OfficeQueue::kSuspensions, *request, response);
}

grpc::Status SupervisionService::ListPendingExtensions(Context* context,
                                                       const v1::OfficeQueueRequest* request,
                                                       v1::OfficeQueueResponse* response) {
  return ListQueue(context, OfficeQueue::kExtensions, *request, response);
}

grpc::Status SupervisionService::ListAwaitingReview(Context* context,
                                                    const v1::OfficeQueueRequest* request,
                                                    v1::OfficeQueueResponse* response) {
  return ListQueue(context, OfficeQueue::kAwaitingReview, *request, response);
}

grpc::Status SupervisionService::ListFollowUpsDue(Context* context,
                                                  const v1::OfficeQueueRequest* request,
                                                  v1::OfficeQueueResponse* response) {
  return ListQueue(context, OfficeQueue::kFollowUpsDue, *request, response);
}

}  // namespace hotline::supervision
