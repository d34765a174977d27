"""End-to-end test of `rulec lsp` with a client this project did not write:
pygls's LanguageClient (PyPI). Usage: python lsp_e2e.py PATH/TO/rulec

It opens a workspace with a mistake, receives the diagnostic at the right
range (UTF-16 and, in a second session, UTF-8 positions, on a line with an
emoji), applies the quick fix and sees the diagnostic go, asks hover,
completion after `fan.` and `event.`, goes to a segment defined in another
file, and formats a file exactly as `rulec fmt` does. Exits non-zero on any
failure."""

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient

RULEC = os.path.abspath(sys.argv[1])

SEGMENTS = 'segment whales "Big spenders" {\n  fan.lifetime_spend >= $500\n}\n'
MISTAKE_LINE = '  when "😀" in fan.tags and fan in whales and fan.lifecycle_stage == "actve"'
RULES = 'rule "Thank whales" {\n  on transaction.tip\n' + MISTAKE_LINE + '\n  then {\n    tag "thanked"\n  }\n}\n'
MESSY = 'segment   regulars {fan.tags contains "regular"  or count(fan.transactions within 30d)>=3}\n\n\n\nlet  big=$20\n'


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok -", what)


def units(text, encoding):
    return len(text.encode("utf-16-le")) // 2 if encoding == "utf-16" else len(text.encode("utf-8"))


def apply_edits(text, edits, encoding):
    lines = text.split("\n")

    def offset(pos):
        line = lines[pos.line]
        head = 0
        count = 0
        for ch in line:
            if count >= pos.character:
                break
            count += units(ch, encoding)
            head += 1
        return sum(len(l) + 1 for l in lines[: pos.line]) + head

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def session(folder, encoding):
    client = LanguageClient("rulec-e2e", "1")
    diagnostics = {}
    arrived = asyncio.Event()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        diagnostics[params.uri] = params.diagnostics
        arrived.set()

    async def wait_for(uri, predicate, what):
        for _ in range(100):
            if uri in diagnostics and predicate(diagnostics[uri]):
                return diagnostics[uri]
            arrived.clear()
            try:
                await asyncio.wait_for(arrived.wait(), 0.2)
            except asyncio.TimeoutError:
                pass
        raise AssertionError("timed out waiting for " + what + "; have " + repr(diagnostics.get(uri)))

    await client.start_io(RULEC, "lsp")
    root = t.WorkspaceFolder(uri="file://" + folder, name="rules")
    result = await client.initialize_async(t.InitializeParams(
        capabilities=t.ClientCapabilities(general=t.GeneralClientCapabilities(position_encodings=[encoding])),
        root_uri=root.uri, workspace_folders=[root]))
    check(result.capabilities.position_encoding == encoding, f"[{encoding}] server uses the offered encoding")
    client.initialized(t.InitializedParams())

    rules_uri = "file://" + folder + "/rules.rules"
    segments_uri = "file://" + folder + "/segments.rules"
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=rules_uri, language_id="rules", version=1, text=RULES)))

    found = await wait_for(rules_uri, lambda d: len(d) > 0, "the diagnostic")
    diagnostic = found[0]
    start = MISTAKE_LINE.index('"actve"')
    check(len(found) == 1, f"[{encoding}] one diagnostic (the segment `whales` of segments.rules resolves)")
    check(diagnostic.code == "E1018", f"[{encoding}] diagnostic code E1018: {diagnostic.message}")
    check((diagnostic.range.start.line, diagnostic.range.start.character) == (2, units(MISTAKE_LINE[:start], encoding))
          and diagnostic.range.end.character == units(MISTAKE_LINE[:start + 7], encoding),
          f"[{encoding}] diagnostic range after the emoji: {diagnostic.range}")

    if encoding == "utf-8":
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return

    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=rules_uri), range=diagnostic.range,
        context=t.CodeActionContext(diagnostics=[diagnostic])))
    check(actions and actions[0].kind == t.CodeActionKind.QuickFix, "a quick fix is offered")
    edits = actions[0].edit.changes[rules_uri]
    fixed = apply_edits(RULES, edits, encoding)
    check('"active"' in fixed, "the quick fix writes \"active\"")
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=rules_uri, version=2),
        content_changes=[t.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in edits]))
    await wait_for(rules_uri, lambda d: len(d) == 0, "the diagnostic to clear after the fix")
    check(True, "the diagnostic is gone after the incremental change")

    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=rules_uri), position=t.Position(line=2, character=MISTAKE_LINE.index("lifecycle_stage") + 2)))
    check(hover is not None and "`fan.lifecycle_stage`" in hover.contents.value and "`at_risk`" in hover.contents.value,
          "hover on fan.lifecycle_stage: " + hover.contents.value.splitlines()[0])
    hover = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=rules_uri), position=t.Position(line=2, character=MISTAKE_LINE.index("whales") + 1)))
    check(hover and "Big spenders" in hover.contents.value, "hover on a segment shows its display name")

    definition = await client.text_document_definition_async(t.DefinitionParams(
        text_document=t.TextDocumentIdentifier(uri=rules_uri), position=t.Position(line=2, character=MISTAKE_LINE.index("whales") + 1)))
    target = definition[0] if isinstance(definition, list) else definition
    check(target.uri == segments_uri and target.range.start.line == 0 and target.range.start.character == 8,
          "definition of `whales` is in segments.rules")

    messy_uri = "file://" + folder + "/messy.rules"
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=messy_uri, language_id="rules", version=1, text=MESSY)))
    edits = await client.text_document_formatting_async(t.DocumentFormattingParams(
        text_document=t.TextDocumentIdentifier(uri=messy_uri), options=t.FormattingOptions(tab_size=2, insert_spaces=True)))
    copy = os.path.join(folder, "fmt-copy")
    os.makedirs(copy, exist_ok=True)
    with open(os.path.join(copy, "messy.rules"), "w") as f:
        f.write(MESSY)
    subprocess.run([RULEC, "fmt", "messy.rules"], cwd=copy, check=True)
    with open(os.path.join(copy, "messy.rules")) as f:
        expected = f.read()
    check(apply_edits(MESSY, edits, encoding) == expected, "formatting gives exactly what `rulec fmt` writes")

    scratch_uri = "file://" + folder + "/scratch.rules"
    scratch = 'rule "S" {\n  on message.received\n  when event.\n}\nsegment s { fan. }\n'
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        t.TextDocumentItem(uri=scratch_uri, language_id="rules", version=1, text=scratch)))
    completion = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=scratch_uri), position=t.Position(line=2, character=13)))
    labels = [item.label for item in (completion.items if hasattr(completion, "items") else completion)]
    check("text" in labels and "sentiment" in labels and "amount" not in labels, "completion after `event.`: " + ", ".join(labels))
    completion = await client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=scratch_uri), position=t.Position(line=4, character=16)))
    labels = [item.label for item in (completion.items if hasattr(completion, "items") else completion)]
    check("lifetime_spend" in labels and "transactions" in labels, "completion after `fan.`: " + ", ".join(labels[:6]) + ", …")

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def main():
    folder = tempfile.mkdtemp(prefix="rulec-lsp-e2e-")
    try:
        with open(os.path.join(folder, "segments.rules"), "w") as f:
            f.write(SEGMENTS)
        with open(os.path.join(folder, "rules.rules"), "w") as f:
            f.write(RULES)
        asyncio.run(asyncio.wait_for(session(folder, "utf-16"), 60))
        asyncio.run(asyncio.wait_for(session(folder, "utf-8"), 60))
        print("lsp e2e: all passed")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
