/// Migration 14: `automation_rule_firings` has one index, in the order
/// cooldowns and limits read it, and it is also the uniqueness key.
///
/// Every firing was three B-tree inserts: the rowid table (an append), the
/// UNIQUE `(rule_id, fan_id, run_id)` key and `automation_rule_firings_by_fan`
/// `(user_id, rule_id, fan_id, fired_at)`, which the counts read, the last two
/// at random places in large trees. Now the counting index is the UNIQUE one,
/// `(user_id, rule_id, fan_id, fired_at, run_id)`: a firing is an append and
/// one random insert, and a count is a range of that index. STORE.md's
/// conventions stay: an `id INTEGER PRIMARY KEY`, `user_id` first in the
/// index. (A `WITHOUT ROWID` table keyed in the counting order was a little
/// faster still, but breaks both conventions.)
///
/// The key is as unique as the old constraint for the engine, which writes the
/// run's time as `fired_at`: `(rule, fan, run)` repeated repeats the whole key.
/// Another writer could repeat `(rule, fan, run)` with a different `fired_at`,
/// which the old key refused and this one does not.
///
/// The copy runs under foreign keys, so a firing whose rule, fan or run is
/// gone (a tool with foreign keys off deleted it) or whose fan is another
/// creator's cannot be copied and is left behind instead of failing the
/// migration: it counts toward no one's cooldown any more, and the run and
/// action rows that recorded it are append-only and stay.
extension Schema {
    static var firingsByPerson: String {
        """
        CREATE TABLE automation_rule_firings_by_person (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            rule_id INTEGER NOT NULL REFERENCES automation_rules(id),
            fan_id INTEGER NOT NULL REFERENCES fan_profiles(id),
            run_id INTEGER NOT NULL REFERENCES automation_rule_runs(id),
            fired_at INTEGER NOT NULL
        ) STRICT;
        INSERT INTO automation_rule_firings_by_person (id, user_id, rule_id, fan_id, run_id, fired_at)
            SELECT f.id, f.user_id, f.rule_id, f.fan_id, f.run_id, f.fired_at FROM automation_rule_firings f
            WHERE EXISTS (SELECT 1 FROM automation_rules r WHERE r.id = f.rule_id)
              AND EXISTS (SELECT 1 FROM fan_profiles p WHERE p.id = f.fan_id AND p.user_id = f.user_id)
              AND EXISTS (SELECT 1 FROM automation_rule_runs u WHERE u.id = f.run_id);
        DROP TABLE automation_rule_firings;
        ALTER TABLE automation_rule_firings_by_person RENAME TO automation_rule_firings;
        CREATE UNIQUE INDEX automation_rule_firings_by_fan
            ON automation_rule_firings(user_id, rule_id, fan_id, fired_at, run_id);

        """ + creatorGuards(for: "automation_rule_firings")
    }
}
