// hotline-example: a small service showing what libs/service gives every service.
#include <prometheus/counter.h>

#include "libs/service/service_main.h"
#include "services/example/example_service.h"

int main(int argc, char** argv) {
  hotline::service::ServiceMain main_({"example", 50059, 9159}, argc, argv);

  hotline::example::ExampleService service(main_.tickets(), main_.pool(), main_.callers());
  main_.AddService(&service);

  auto& seen = prometheus::BuildCounter()
                   .Name("hotline_example_events_seen_total")
                   .Help("Ticket creations this service consumed from the stream")
                   .Register(main_.metrics())
                   .Add({});
  // Only ticket creations, to show ConsumerSpec.wants: everything else on the stream is
  // acknowledged without a transaction.
  main_.AddConsumer(
      "example",
      [&seen](const hotline::common::v1::EventEnvelope&, pqxx::work&) {
        seen.Increment();
        return absl::OkStatus();
      },
      {[](const hotline::common::v1::EventEnvelope& e) { return e.type() == "ticket.created"; }});
  return main_.Run();
}
