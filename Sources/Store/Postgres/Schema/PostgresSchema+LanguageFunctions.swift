/// Migration 18 on PostgreSQL (16 and 17 are other branches' numbers): the
/// functions the plans call, so a plan computes what the evaluator computes
/// (LANGUAGE.md §6). On SQLite these are Swift closures registered on the
/// connection (`SQLFunctions`); here each is a transcription of that Swift,
/// named after it:
/// - integers (`Arithmetic`): exact in `numeric`, then `rulec_bigint`: out of
///   Int64's range is null, never an error; `/` truncates, `%` has the
///   dividend's sign, a zero divisor is null;
/// - money (`Arithmetic.roundedMoney`, `divideRoundingHalfAwayFromZero`,
///   `Evaluator.moneyAverage`): half away from zero, exactly (a double's
///   fraction is exact, so `x - trunc(x)` decides the half without error;
///   integer quotients are `div` in `numeric`);
/// - numbers: a NaN is null (`Arithmetic.number`), division by zero is null;
/// - strings: `rulec_ends_with` (contains and starts are built-ins);
/// - time (`Time`): the zone's offset is PostgreSQL's (the same IANA data as
///   Foundation's), a zone name the server does not know is null, and a
///   wall-clock time maps to an instant by `Time.utcSeconds`' own rules.
/// Results PostgreSQL cannot represent (a timestamp beyond its range, a float
/// overflowing to infinity) raise instead of giving the language's answer;
/// `PlanExecutor` then lets the evaluator answer, as it does for SQLite's
/// integer overflow in `sum`.
extension PostgresSchema {
    static let languageFunctions = """
    CREATE FUNCTION rulec_bigint(x numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN x >= -9223372036854775808 AND x <= 9223372036854775807 THEN x::bigint END
    $rulec$;
    CREATE FUNCTION rulec_add(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_bigint(a::numeric + b::numeric)
    $rulec$;
    CREATE FUNCTION rulec_subtract(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_bigint(a::numeric - b::numeric)
    $rulec$;
    CREATE FUNCTION rulec_multiply(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_bigint(a::numeric * b::numeric)
    $rulec$;
    CREATE FUNCTION rulec_negate(a bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_bigint(- a::numeric)
    $rulec$;
    CREATE FUNCTION rulec_abs(a bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_bigint(abs(a::numeric))
    $rulec$;
    -- Truncating division; Int64.min / -1 overflows.
    CREATE FUNCTION rulec_divide(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN b = 0 THEN NULL WHEN b = -1 THEN rulec_bigint(- a::numeric) ELSE a / b END
    $rulec$;
    -- The dividend's sign; Int64.min % -1 overflows in Swift (PostgreSQL would say 0).
    CREATE FUNCTION rulec_remainder(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN b = 0 THEN NULL WHEN b = -1 THEN CASE WHEN a = -9223372036854775808 THEN NULL ELSE 0 END ELSE a % b END
    $rulec$;
    CREATE FUNCTION rulec_number(x double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT NULLIF(x, 'NaN'::double precision)
    $rulec$;
    CREATE FUNCTION rulec_divide_number(x double precision, y double precision) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN y = 0 THEN NULL ELSE rulec_number(x / y) END
    $rulec$;
    -- Half away from zero to a whole number, then Int64's range (NaN and ±inf are null).
    CREATE FUNCTION rulec_round_int(x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN r >= -9223372036854775808::double precision AND r < 9223372036854775808::double precision THEN r::bigint END
        FROM (SELECT CASE WHEN x = 'NaN'::double precision THEN NULL
                          WHEN abs(x - trunc(x)) >= 0.5 THEN trunc(x) + sign(x) ELSE trunc(x) END AS r) AS rounded
    $rulec$;
    CREATE FUNCTION rulec_round_money(x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_round_int(x)
    $rulec$;
    -- A stored REAL read as money (fan_scores.value for predicted_ltv).
    CREATE FUNCTION rulec_money(x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_round_int(x)
    $rulec$;
    -- a / b rounded half away from zero, exactly.
    CREATE FUNCTION rulec_divide_half_away(a numeric, b numeric) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_bigint(CASE WHEN 2 * abs(a - q * b) >= abs(b) AND a - q * b <> 0 THEN q + sign(a) * sign(b) ELSE q END)
        FROM (SELECT div(a, b) AS q) AS quotient
    $rulec$;
    CREATE FUNCTION rulec_divide_money(m bigint, k bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN k = 0 THEN NULL ELSE rulec_divide_half_away(m::numeric, k::numeric) END
    $rulec$;
    CREATE FUNCTION rulec_divide_money(m double precision, x double precision) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN x = 0 THEN NULL ELSE rulec_round_money(m / x) END
    $rulec$;
    CREATE FUNCTION rulec_money_avg(total numeric, count bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN count > 0 THEN rulec_divide_half_away(total, count::numeric) END
    $rulec$;
    CREATE FUNCTION rulec_ends_with(s text, suffix text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT right(s, char_length(suffix)) = suffix
    $rulec$;

    -- The zone names the server knows, read once: checking a name per row in
    -- pg_timezone_names would read the zone directory each time.
    CREATE TABLE rulec_time_zone_names (name text COLLATE "C" PRIMARY KEY);
    INSERT INTO rulec_time_zone_names SELECT DISTINCT name FROM pg_timezone_names;

    -- Time.localSeconds: the wall clock of `zone` at `t`, in seconds since the epoch.
    CREATE FUNCTION rulec_local_seconds(t bigint, zone text) RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN EXISTS (SELECT 1 FROM rulec_time_zone_names WHERE name = zone)
                    THEN extract(epoch FROM (to_timestamp(t) AT TIME ZONE zone))::bigint END
    $rulec$;
    CREATE FUNCTION rulec_floor_mod(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT ((a % b) + b) % b
    $rulec$;
    CREATE FUNCTION rulec_hour_of_day(t bigint, zone text) RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_floor_mod(rulec_local_seconds(t, zone), 86400) / 3600
    $rulec$;
    -- Monday 1 … Sunday 7; 1970-01-01 was a Thursday.
    CREATE FUNCTION rulec_day_of_week(t bigint, zone text) RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $rulec$
        SELECT rulec_floor_mod((local - rulec_floor_mod(local, 86400)) / 86400 + 3, 7) + 1
        FROM (SELECT rulec_local_seconds(t, zone) AS local) AS wall
    $rulec$;
    CREATE FUNCTION rulec_month_day(t bigint, zone text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $rulec$
        SELECT to_char(to_timestamp(local) AT TIME ZONE 'UTC', 'MM-DD')
        FROM (SELECT rulec_local_seconds(t, zone) AS local) AS wall
    $rulec$;
    -- ⌊(now − t) / 1 day⌋, flooring for times in the future too.
    CREATE FUNCTION rulec_days_since(t bigint, now bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $rulec$
        SELECT CASE WHEN rulec_bigint(now::numeric - t::numeric) IS NOT NULL THEN floor((now::numeric - t::numeric) / 86400)::bigint END
    $rulec$;
    -- Days since 1970-01-01 of a proleptic Gregorian date (Time.daysFromCivil, H. Hinnant).
    CREATE FUNCTION rulec_days_from_civil(year bigint, month bigint, day bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $rulec$
    DECLARE
        y bigint := CASE WHEN month <= 2 THEN year - 1 ELSE year END;
        era bigint;
        year_of_era bigint;
        day_of_year bigint;
        day_of_era bigint;
    BEGIN
        era := (CASE WHEN y >= 0 THEN y ELSE y - 399 END) / 400;
        year_of_era := y - era * 400;
        day_of_year := (153 * (CASE WHEN month > 2 THEN month - 3 ELSE month + 9 END) + 2) / 5 + day - 1;
        day_of_era := year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        RETURN era * 146097 + day_of_era - 719468;
    END
    $rulec$;
    -- Time.parseDate: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" on the wall clock of
    -- `zone`; impossible dates are null; a time daylight saving skips moves on
    -- by the gap, a repeated one takes its first occurrence (Time.utcSeconds).
    CREATE FUNCTION rulec_date(s text, zone text) RETURNS bigint LANGUAGE plpgsql STABLE PARALLEL SAFE AS $rulec$
    DECLARE
        y bigint; mo bigint; d bigint; h bigint := 0; mi bigint := 0; month_days bigint;
        wall bigint; before bigint; after bigint; candidate bigint; offset_seconds bigint;
    BEGIN
        IF s IS NULL OR zone IS NULL OR s !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?$' THEN
            RETURN NULL;
        END IF;
        y := substr(s, 1, 4)::bigint; mo := substr(s, 6, 2)::bigint; d := substr(s, 9, 2)::bigint;
        IF char_length(s) = 16 THEN h := substr(s, 12, 2)::bigint; mi := substr(s, 15, 2)::bigint; END IF;
        -- (PL/pgSQL's IF reads up to the first THEN, so no CASE inside it.)
        month_days := CASE WHEN mo = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END
                           WHEN mo IN (4, 6, 9, 11) THEN 30 ELSE 31 END;
        IF mo < 1 OR mo > 12 OR h > 23 OR mi > 59 OR d < 1 OR d > month_days THEN
            RETURN NULL;
        END IF;
        wall := rulec_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
        before := rulec_local_seconds(wall - 86400, zone) - (wall - 86400);
        after := rulec_local_seconds(wall + 86400, zone) - (wall + 86400);
        IF before IS NULL OR after IS NULL THEN RETURN NULL; END IF;
        FOREACH offset_seconds IN ARRAY ARRAY[greatest(before, after), least(before, after)] LOOP
            candidate := wall - offset_seconds;
            IF rulec_local_seconds(candidate, zone) = wall THEN RETURN candidate; END IF;
        END LOOP;
        RETURN wall - before;
    END
    $rulec$;
    """
}
