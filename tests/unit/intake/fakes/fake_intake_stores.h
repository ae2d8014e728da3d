#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/intake/store/catalogue_store.h"
#include "services/intake/store/duplicate_link_store.h"
#include "services/intake/store/knowledge_store.h"
#include "services/intake/store/ticket_records_store.h"
#include "tests/support/fake_transaction.h"

// Intake's stores in memory, for unit tests of its use cases. Track each with the
// FakeTransactionRunner the use case runs in, so a failed body leaves nothing behind.
namespace hotline::intake::testing {

class FakeDuplicateLinkStore final : public DuplicateLinkStore, public hotline::testing::FakeState {
 public:
  struct Link {
    DuplicateLinkRow row;
    std::string decided_by;
    absl::Time at;
  };

  // Puts a link in place, e.g. one a submission flagged.
  void Put(int64_t ticket_id, int64_t earlier_ticket_id,
           hotline::intake::v1::DuplicateLinkState state);
  // The number an earlier ticket shows in LinksOf (the store joins the tickets table).
  void Name(int64_t ticket_id, std::string number) { numbers_[ticket_id] = std::move(number); }
  const std::map<int64_t, Link>& links() const { return links_; }

  std::optional<DuplicateLinkRow> Lock(Transaction& tx, int64_t ticket_id) const override;
  void Decide(Transaction& tx, int64_t ticket_id, int64_t survivor_id,
              hotline::intake::v1::DuplicateLinkState state, const std::string& by,
              absl::Time at) const override;
  std::vector<LinkedTicket> LinksOf(Transaction& tx, int64_t ticket_id) const override;
  std::vector<DuplicateLinkListing> List(Transaction& tx, const std::string& jurisdiction,
                                         hotline::intake::v1::DuplicateLinkState state,
                                         absl::Time after_at, int64_t after_ticket_id,
                                         int limit) const override;

  void Save() override { saved_ = links_; }
  void Restore() override { links_ = saved_; }

 private:
  mutable std::map<int64_t, Link> links_;  // by ticket id
  std::map<int64_t, Link> saved_;
  std::map<int64_t, std::string> numbers_;
};

class FakeTicketRecordsStore final : public TicketRecordsStore, public hotline::testing::FakeState {
 public:
  struct AuditRow {
    int64_t ticket_id;
    std::string principal;
    hotline::common::v1::Role role;
    absl::Time at;
    std::vector<std::string> fields;
    std::string reason;
  };

  void Refer(int64_t ticket_id, hotline::intake::v1::EmergencyLine line) {
    referrals_[ticket_id].push_back(line);
  }
  const std::vector<AuditRow>& audit() const { return audit_; }

  std::vector<hotline::intake::v1::EmergencyLine> ReferralLines(Transaction& tx,
                                                                int64_t ticket_id) const override;
  void AuditRead(Transaction& tx, const hotline::common::v1::Actor& reader,
                 const UnmaskedRead& read) const override;

  void Save() override { saved_ = audit_; }
  void Restore() override { audit_ = saved_; }

 private:
  std::map<int64_t, std::vector<hotline::intake::v1::EmergencyLine>> referrals_;
  mutable std::vector<AuditRow> audit_;
  std::vector<AuditRow> saved_;
};

class FakeCatalogueStore final : public CatalogueStore, public hotline::testing::FakeState {
 public:
  std::vector<hotline::intake::v1::Category> Categories(Transaction& tx) const override;
  std::vector<hotline::intake::v1::ScopeRule> ScopeRules(Transaction& tx) const override;
  void PutCategory(Transaction& tx, const hotline::intake::v1::Category& category) const override;
  void PutScopeRule(Transaction& tx, const hotline::intake::v1::ScopeRule& rule) const override;

  int loads() const { return loads_; }
  void Save() override { saved_ = data_; }
  void Restore() override { data_ = saved_; }

 private:
  struct Data {
    std::map<std::string, hotline::intake::v1::Category> categories;
    std::map<std::string, hotline::intake::v1::ScopeRule> rules;  // by reason code
  };
  mutable Data data_;
  Data saved_;
  mutable int loads_ = 0;
};

// Versions of each key; search reads answer from what the test sets.
class FakeKnowledgeStore final : public KnowledgeStore, public hotline::testing::FakeState {
 public:
  struct Version {
    hotline::intake::v1::KnowledgeArticle article;
    std::vector<std::string> terms;
    std::string words;
    std::string author;
    bool superseded = false;
  };

  const std::vector<Version>& versions() const { return versions_; }

  hotline::intake::v1::KnowledgeArticle PutVersion(
      Transaction& tx, const hotline::intake::v1::KnowledgeArticle& article,
      const std::vector<std::string>& terms, const std::string& words, absl::Time valid_from,
      std::optional<absl::Time> valid_until, absl::Time at,
      const std::string& author) const override;
  bool RetireCurrent(Transaction& tx, const std::string& key, absl::Time at) const override;
  // Every term in one article per current version holding it.
  std::vector<TermFrequency> Frequencies(Transaction& tx,
                                         const std::vector<std::string>& terms) const override;
  // Every current, unretired version holding a term (place not checked).
  std::vector<StoredArticle> Candidates(Transaction& tx,
                                        const CandidateQuery& query) const override;
  std::optional<hotline::intake::v1::KnowledgeArticle> Applicable(
      Transaction& tx, const std::string& key, absl::Time at, const std::string& region_code,
      const std::string& category) const override;
  std::vector<KnowledgeSynonyms> Synonyms(Transaction& tx,
                                          const std::vector<std::string>& words) const override;
  void PutSynonyms(Transaction& tx, const KnowledgeSynonyms& synonyms, absl::Time at,
                   const std::string& author) const override;
  std::vector<KnowledgeSynonyms> AllSynonyms(Transaction& tx) const override;

  void Save() override {
    saved_ = versions_;
    saved_synonyms_ = synonyms_;
  }
  void Restore() override {
    versions_ = saved_;
    synonyms_ = saved_synonyms_;
  }

 private:
  std::vector<const Version*> Current() const;

  mutable std::vector<Version> versions_;
  std::vector<Version> saved_;
  mutable std::map<std::string, std::vector<std::string>> synonyms_;
  std::map<std::string, std::vector<std::string>> saved_synonyms_;
};

}  // namespace hotline::intake::testing
