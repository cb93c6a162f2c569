-- A case's search words are those of its title, precondition and its steps' action, data and
-- expected result; no longer the steps' ids too (nobody searches for a UUID, a fragment of one
-- found unrelated cases, and 50 unique ids per case made every save heavier on the index).
DROP INDEX test_cases_search_idx;
ALTER TABLE test_cases DROP COLUMN search;
ALTER TABLE test_cases ADD COLUMN search TSVECTOR GENERATED ALWAYS AS (
    to_tsvector('simple', title || ' ' || precondition)
    || jsonb_to_tsvector('simple', jsonb_path_query_array(steps, '$[*].action')
                                   || jsonb_path_query_array(steps, '$[*].data')
                                   || jsonb_path_query_array(steps, '$[*].expected'), '["string"]')) STORED;
CREATE INDEX test_cases_search_idx ON test_cases USING GIN (search);
