/// Migration 19 (PostgreSQL only): the list of the store's creators, for
/// `rulec run --all-creators`.
///
/// Row-level security is forced on `creator_profiles`, for its owner too, so
/// the engine's role, and even a SECURITY DEFINER function of the owner, sees
/// at most the creator `rulec.user_id` names: nobody could list the creators
/// to run. This table holds only their ids, belongs to no creator (a shared
/// table, a Citus reference table), and is kept by a trigger on
/// `creator_profiles` that runs as the schema's owner, so the engine's role
/// needs nothing but SELECT on it. Existing creators are copied in with the
/// table's FORCE lifted for that one statement (the owner runs migrations).
extension PostgresSchema {
    static let creatorDirectory = """
    CREATE TABLE rulec_creator_directory (
        user_id text COLLATE "C" PRIMARY KEY
    );
    CREATE FUNCTION rulec_list_creator() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $rulec$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM rulec_creator_directory WHERE user_id = OLD.user_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO rulec_creator_directory (user_id) VALUES (NEW.user_id) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $rulec$;
    CREATE TRIGGER creator_profiles_directory AFTER INSERT OR DELETE OR UPDATE OF user_id ON creator_profiles
        FOR EACH ROW EXECUTE FUNCTION rulec_list_creator();
    ALTER TABLE creator_profiles NO FORCE ROW LEVEL SECURITY;
    INSERT INTO rulec_creator_directory (user_id) SELECT user_id FROM creator_profiles ON CONFLICT DO NOTHING;
    ALTER TABLE creator_profiles FORCE ROW LEVEL SECURITY;
    """
}
