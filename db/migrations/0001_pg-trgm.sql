-- Trigram indexes make the merchant search (a substring of name, branch, codes or business
-- number) fast at 100,000 rows. pg_trgm is a trusted extension on PostgreSQL 13+, so the
-- database owner can create it; PGlite loads it in db/index.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
