#include "tests/unit/intake/fakes/fake_intake_stores.h"

#include <algorithm>

#include "libs/common/proto_time.h"

namespace hotline::intake::testing {

namespace v1 = hotline::intake::v1;

void FakeDuplicateLinkStore::Put(int64_t ticket_id, int64_t earlier_ticket_id,
                                 v1::DuplicateLinkState state) {
  links_[ticket_id] = {{ticket_id, earlier_ticket_id, state}, "", absl::UnixEpoch()};
}

std::optional<DuplicateLinkRow> FakeDuplicateLinkStore::Lock(Transaction&,
                                                             int64_t ticket_id) const {
  auto it = links_.find(ticket_id);
  if (it == links_.end()) return std::nullopt;
  return it->second.row;
}

void FakeDuplicateLinkStore::Decide(Transaction&, int64_t ticket_id, int64_t survivor_id,
                                    v1::DuplicateLinkState state, const std::string& by,
                                    absl::Time at) const {
  links_[ticket_id] = {{ticket_id, survivor_id, state}, by, at};
}

std::vector<LinkedTicket> FakeDuplicateLinkStore::LinksOf(Transaction&, int64_t ticket_id) const {
  auto it = links_.find(ticket_id);
  if (it == links_.end()) return {};
  auto number = numbers_.find(it->second.row.earlier_ticket_id);
  return {{it->second.row.state, number == numbers_.end() ? "" : number->second}};
}

std::vector<DuplicateLinkListing> FakeDuplicateLinkStore::List(Transaction&, const std::string&,
                                                               v1::DuplicateLinkState state,
                                                               absl::Time, int64_t after_ticket_id,
                                                               int limit) const {
  std::vector<DuplicateLinkListing> listed;
  for (const auto& [id, link] : links_) {
    if (link.row.state != state || id <= after_ticket_id) continue;
    if (static_cast<int>(listed.size()) == limit) break;
    DuplicateLinkListing& l = listed.emplace_back();
    l.link.set_state(state);
    l.link.set_ticket_number(std::to_string(id));
    l.linked_at = link.at;
    l.ticket_id = id;
  }
  return listed;
}

std::vector<v1::EmergencyLine> FakeTicketRecordsStore::ReferralLines(Transaction&,
                                                                     int64_t ticket_id) const {
  auto it = referrals_.find(ticket_id);
  return it == referrals_.end() ? std::vector<v1::EmergencyLine>{} : it->second;
}

void FakeTicketRecordsStore::AuditRead(Transaction&, const hotline::common::v1::Actor& reader,
                                       const UnmaskedRead& read) const {
  audit_.push_back(
      {read.ticket_id, reader.principal(), reader.role(), read.at, read.fields, read.reason});
}

std::vector<v1::Category> FakeCatalogueStore::Categories(Transaction&) const {
  ++loads_;
  std::vector<v1::Category> out;
  for (const auto& [code, category] : data_.categories) out.push_back(category);
  return out;
}

std::vector<v1::ScopeRule> FakeCatalogueStore::ScopeRules(Transaction&) const {
  std::vector<v1::ScopeRule> out;
  for (const auto& [code, rule] : data_.rules) out.push_back(rule);
  std::stable_sort(out.begin(), out.end(), [](const v1::ScopeRule& a, const v1::ScopeRule& b) {
    return a.priority() < b.priority();
  });
  return out;
}

void FakeCatalogueStore::PutCategory(Transaction&, const v1::Category& category) const {
  data_.categories[category.code()] = category;
}

void FakeCatalogueStore::PutScopeRule(Transaction&, const v1::ScopeRule& rule) const {
  data_.rules[rule.reason_code()] = rule;
}

v1::KnowledgeArticle FakeKnowledgeStore::PutVersion(Transaction&,
                                                    const v1::KnowledgeArticle& article,
                                                    const std::vector<std::string>& terms,
                                                    const std::string& words, absl::Time valid_from,
                                                    std::optional<absl::Time> valid_until,
                                                    absl::Time, const std::string& author) const {
  int version = 0;
  for (Version& v : versions_) {
    if (v.article.key() != article.key()) continue;
    version = std::max(version, v.article.version());
    v.superseded = true;
  }
  Version& stored = versions_.emplace_back();
  stored.article = article;
  stored.article.set_version(version + 1);
  stored.article.set_retired(false);
  *stored.article.mutable_valid_from() = ToTimestamp(valid_from);
  if (valid_until) *stored.article.mutable_valid_until() = ToTimestamp(*valid_until);
  stored.terms = terms;
  stored.words = words;
  stored.author = author;
  return stored.article;
}

bool FakeKnowledgeStore::RetireCurrent(Transaction&, const std::string& key, absl::Time) const {
  for (Version& v : versions_) {
    if (v.article.key() == key && !v.superseded && !v.article.retired()) {
      v.article.set_retired(true);
      return true;
    }
  }
  return false;
}

std::vector<const FakeKnowledgeStore::Version*> FakeKnowledgeStore::Current() const {
  std::vector<const Version*> current;
  for (const Version& v : versions_) {
    if (!v.superseded && !v.article.retired()) current.push_back(&v);
  }
  return current;
}

std::vector<TermFrequency> FakeKnowledgeStore::Frequencies(
    Transaction&, const std::vector<std::string>& terms) const {
  const std::vector<const Version*> current = Current();
  std::vector<TermFrequency> out;
  for (const std::string& term : terms) {
    const auto with = std::count_if(current.begin(), current.end(), [&](const Version* v) {
      return std::find(v->terms.begin(), v->terms.end(), term) != v->terms.end();
    });
    out.push_back({term, static_cast<int64_t>(with), static_cast<int64_t>(current.size())});
  }
  return out;
}

std::vector<StoredArticle> FakeKnowledgeStore::Candidates(Transaction&,
                                                          const CandidateQuery& query) const {
  std::vector<StoredArticle> out;
  for (const Version* v : Current()) {
    const bool shares = std::any_of(query.terms.begin(), query.terms.end(), [&](const auto& t) {
      return std::find(v->terms.begin(), v->terms.end(), t) != v->terms.end();
    });
    if (shares) out.push_back({v->article, v->words});
  }
  return out;
}

std::optional<v1::KnowledgeArticle> FakeKnowledgeStore::Applicable(Transaction&,
                                                                   const std::string& key,
                                                                   absl::Time, const std::string&,
                                                                   const std::string&) const {
  for (const Version* v : Current()) {
    if (v->article.key() == key) return v->article;
  }
  return std::nullopt;
}

std::vector<KnowledgeSynonyms> FakeKnowledgeStore::Synonyms(
    Transaction&, const std::vector<std::string>& words) const {
  std::vector<KnowledgeSynonyms> out;
  for (const auto& [term, related] : synonyms_) {
    if (std::find(words.begin(), words.end(), term) != words.end()) out.push_back({term, related});
  }
  return out;
}

void FakeKnowledgeStore::PutSynonyms(Transaction&, const KnowledgeSynonyms& synonyms, absl::Time,
                                     const std::string&) const {
  if (synonyms.related.empty()) {
    synonyms_.erase(synonyms.term);
  } else {
    synonyms_[synonyms.term] = synonyms.related;
  }
}

std::vector<KnowledgeSynonyms> FakeKnowledgeStore::AllSynonyms(Transaction&) const {
  std::vector<KnowledgeSynonyms> out;
  for (const auto& [term, related] : synonyms_) out.push_back({term, related});
  return out;
}

}  // namespace hotline::intake::testing
