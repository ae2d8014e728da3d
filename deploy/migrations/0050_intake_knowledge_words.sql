-- The knowledge base searches by dictionary words too (issue 25, "The knowledge base"): each
-- article keeps the words of its fields as cut at upsert (services/intake/rules/knowledge_terms.h:
-- fields separated by a line break, words by a space), so a search does not cut every candidate
-- again; its `terms` then also hold "w:" + each word. Articles stored before have no words ('')
-- and are cut when ranked; upserting them again indexes their words.
ALTER TABLE intake_knowledge_articles ADD COLUMN words text NOT NULL DEFAULT '';

-- The office's synonyms and broader terms (孩子 → 儿童, 未成年人; 打 → 殴打, 虐待): a caller's word
-- also finds articles with its related terms, ranked below the word itself. Edited through
-- SetKnowledgeSynonyms; deploy/knowledge/synonyms.txt is the shipped set.
CREATE TABLE intake_knowledge_synonyms (
  term text PRIMARY KEY,
  related text[] NOT NULL CHECK (cardinality(related) > 0),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
