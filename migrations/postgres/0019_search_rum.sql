-- Search at province scale (issue 19): a RUM index beside the GIN index of 0006, with
-- item_id attached to every posting and the postings kept in item_id order, so that "the
-- newest matches of a query" can be an ordered index scan that stops early
-- (src/search/postgres_search.hpp, PgWalk::kRumOrdered).
--
-- RUM is an extension (Debian: postgresql-15-rum, installed by scripts/install-deps). A
-- server without it, or a database role that may not create extensions, keeps the GIN
-- index alone and the search works as before (PgWalk::kIdWindows needs only GIN): the
-- index is created only when the extension is installed in the database or can be
-- created here, and a failure to create it is not a failure of the migration. The
-- extension goes to the public schema, so that several gongkai schemas in one database
-- share it. To add the index later: CREATE EXTENSION rum SCHEMA public (as a superuser),
-- then run the CREATE INDEX below by hand (docs/deploy/README.md).
DO $gk$
DECLARE
  ext_schema name;
BEGIN
  SELECT n.nspname INTO ext_schema FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'rum';
  IF ext_schema IS NULL AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'rum') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS rum SCHEMA public;
      ext_schema := 'public';
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'RUM extension not created (%), search uses the GIN index', SQLERRM;
    END;
  END IF;
  IF ext_schema IS NOT NULL THEN
    EXECUTE format('CREATE INDEX item_search_rum ON item_search USING rum '
                   '(tsv %I.rum_tsvector_addon_ops, item_id) '
                   'WITH (attach = ''item_id'', to = ''tsv'', order_by_attach = ''t'')',
                   ext_schema);
  END IF;
END
$gk$;
