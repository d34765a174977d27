// Starts `rulec lsp` for .rules files. The server does all the work; this file
// only tells VS Code how to run it (stdio) and which documents it serves.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("rulec");
  const args = ["lsp"];
  if (config.get("db") && config.get("user")) args.push("--db", config.get("db"), "--user", config.get("user"));
  const server = { command: config.get("path") || "rulec", args, transport: TransportKind.stdio };
  client = new LanguageClient("rulec", "rulec", server, {
    documentSelector: [{ scheme: "file", language: "rules" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.rules") },
  });
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
