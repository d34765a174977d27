/// The files `rulec init` writes: the starter library, a README on how to
/// check, test, deploy and run it, and a CI workflow that gates pull requests
/// on `rulec check --strict --format github` and on the library's own tests.
public enum StarterProject {
    /// The command the workflow gates on, also named in the README.
    public static let checkCommand = "rulec check --strict --format github Rules/"
    /// The library's `test` declarations (the `*_test.rules` files), run by the workflow
    /// after the check; with `--coverage` a creator sees which conditions no test reaches.
    public static let testCommand = "rulec test --coverage Rules/"

    /// Every file, in the order they are written; paths relative to the project folder.
    public static var files: [StarterFile] {
        // The library includes its tests (`Rules/*_test.rules`), so a new project starts green.
        StarterLibrary.files
            + [StarterFile(path: "README.md", text: readme),
               StarterFile(path: ".github/workflows/rules.yml", text: workflow)]
    }

    static let readme = """
        # Fan automations

        This folder holds a creator's audiences (`segment`s) and automations (`rule`s),
        written in rulec's rule language. It was made by `rulec init` from rulec's
        starter library: adopt what fits, change the rest.

        | file | what it holds |
        |---|---|
        | `Rules/onboarding.rules` | new fans: welcome, welcome back after a win-back |
        | `Rules/revenue.rules` | PPV follow-ups, custom request intake, repeat tippers |
        | `Rules/retention.rules` | tip thanks, win-back of lapsed big spenders, churn save |
        | `Rules/vip.rules` | VIP milestone, priority replies to high-value DMs, loyal fans drifting |
        | `Rules/policy.rules` | house rules for every rule's messages: at most 2 a day and 5 a week per fan, none 22:00–08:00 on the fan's clock (docs: `rulec explain`) |
        | `Rules/engagement.rules` | renewal reminders, silent subscribers, birthdays |
        | `Rules/*_test.rules` | tests of the rules above: given fans and events, what must fire (`rulec test`) |
        | `.github/workflows/rules.yml` | CI: every pull request is checked and tested before it can merge |

        ## Check

        ```sh
        rulec check Rules/                    # errors and warnings, with fixes
        rulec check --strict Rules/           # warnings fail too (what CI runs)
        rulec fmt Rules/                      # the one canonical layout
        rulec explain Rules/ --rule "Thank big tippers"   # the SQL and steps a rule runs
        ```

        ## Test

        ```sh
        \(testCommand)         # every test, and which conditions no test reaches
        ```

        Each `test` block builds a small world of fans and events in memory and says what
        must (and must not) fire; nothing touches a store. Change a rule, run its tests.

        With a store, `check` also verifies that every template a rule sends exists and
        that its `{{slots}}` are filled: `rulec check Rules/ --db crm.sqlite --user ID`.

        ## Try it

        ```sh
        rulec demo --rules Rules/             # a fresh synthetic store, a day of fans, your rules over it
        ```

        The demo prints what fired, what was drafted, what waits for approval, and
        commands to look around (`rulec hitl list`, `rulec why`, `rulec repl`).

        ## Deploy and run

        Rules run over a creator's CRM store: `--db FILE` (or `RULEC_DB`) and the creator's
        id, `--user ID` (or `RULEC_USER`). To rehearse on a synthetic creator first:

        ```sh
        rulec db seed --fans 1000 --db rehearsal.sqlite --user rehearsal   # a realistic made-up creator
        export RULEC_DB=rehearsal.sqlite RULEC_USER=rehearsal             # or your store and creator id
        rulec deploy Rules/                   # check, then store the program; refuses errors
        rulec segments refresh                # materialize the audiences
        rulec run --once                      # consume new events and due schedules
        rulec hitl list                       # actions waiting for a human decision
        ```

        `rulec run --watch` keeps running. `rulec hitl approve ID` sends an item on its way,
        `rulec hitl reject ID --reason "..."` drops it. `rulec pause "Daily churn save"` stops one
        automation without a deploy (`rulec resume` undoes it), and
        `rulec why "Thank big tippers" --fan ID` shows why a rule fired for a fan, or did not.

        ## CI

        `.github/workflows/rules.yml` builds rulec from its source and runs
        `\(checkCommand)`, then `\(testCommand)`: errors and warnings become
        annotations on the pull request, a failing test fails the job too. Set the repository
        variable `RULEC_SOURCE` (Settings → Secrets and variables → Actions → Variables)
        to the git URL of rulec's source.

        The language is described in rulec's `docs/LANGUAGE.md`; `rulec COMMAND --help`
        describes each command.

        """

    static let workflow = """
        # Checks and tests the rules on every pull request and push: errors, warnings and
        # failing tests fail the job; errors and warnings show as annotations on the changed lines. Set the repository variable
        # RULEC_SOURCE to the git URL of rulec's source.
        name: rules

        on:
          pull_request:
          push:
            branches: [main]

        jobs:
          check:
            runs-on: ubuntu-latest
            container: swift:6.0
            steps:
              - uses: actions/checkout@v4
              - name: Build rulec
                env:
                  RULEC_SOURCE: ${{ vars.RULEC_SOURCE }}
                run: |
                  if [ -z "$RULEC_SOURCE" ]; then echo "::error::set the repository variable RULEC_SOURCE to rulec's git URL"; exit 1; fi
                  apt-get update -qq && apt-get install -y -qq libsqlite3-dev pkg-config git
                  git clone --depth 1 "$RULEC_SOURCE" "$RUNNER_TEMP/rulec"
                  swift build -c release --package-path "$RUNNER_TEMP/rulec"
                  cp "$RUNNER_TEMP/rulec/.build/release/rulec" /usr/local/bin/rulec
              - name: Check the rules
                run: \(checkCommand)
              - name: Test the rules
                run: \(testCommand)

        """
}
