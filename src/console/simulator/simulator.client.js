/* global document */
// The simulator's chat in the browser: posts each turn to the server and draws the replies as
// the chosen channel shows them. The transcript lives only in this page (never sent back or
// stored) until "Save as golden transcript" downloads it.
(function simulator() {
  "use strict";
  const root = document.getElementById("simulator");
  if (!root) return;
  const text = (name) => root.dataset["text" + name.charAt(0).toUpperCase() + name.slice(1)] || name;
  const settings = document.getElementById("sim-settings");
  const sendForm = document.getElementById("sim-send");
  const lineInput = document.getElementById("sim-line");
  const log = document.getElementById("sim-log");
  const vars = document.getElementById("sim-vars");
  const events = document.getElementById("sim-events");
  const status = document.getElementById("sim-status");
  let sim = null;
  let chunks = [];
  let busy = false;

  const field = (name) => {
    const el = settings.elements.namedItem(name);
    return el && "value" in el ? el.value : "";
  };
  const rendering = () => field("rendering") || "plain";

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data.error || text("failed"));
      error.status = response.status;
      error.problems = data.problems || [];
      throw error;
    }
    return data;
  }

  function bubble(who, className) {
    const div = document.createElement("div");
    div.className = "gl-msg " + className;
    const label = document.createElement("span");
    label.className = "gl-msg-who";
    label.textContent = who;
    div.appendChild(label);
    log.appendChild(div);
    return div;
  }

  function say(line) {
    const div = bubble(text("you"), "gl-msg-you");
    div.appendChild(document.createTextNode(line));
  }

  function showMessage(message) {
    const div = bubble(text("bot"), "gl-msg-bot");
    div.dataset.kind = message.kind;
    const body = document.createElement("div");
    body.textContent = message.text;
    div.appendChild(body);
    if (!message.buttons || !message.buttons.length) return;
    const group = document.createElement(message.kind === "whatsapp_list" ? "details" : "div");
    if (message.kind === "whatsapp_list") {
      const summary = document.createElement("summary");
      summary.textContent = message.listButton;
      group.appendChild(summary);
    }
    const buttons = document.createElement("div");
    buttons.className = "gl-msg-buttons";
    for (const b of message.buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.label;
      button.addEventListener("click", () =>
        turn(String(b.number), b.label, { node: b.node, option: b.option }),
      );
      buttons.appendChild(button);
    }
    group.appendChild(buttons);
    div.appendChild(group);
  }

  function showState(data) {
    vars.replaceChildren();
    const entries = Object.entries(data.vars || {});
    if (data.at) entries.unshift([text("at"), data.at]);
    for (const [name, value] of entries) {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value;
      vars.append(dt, dd);
    }
    events.replaceChildren();
    for (const event of data.events || []) {
      const li = document.createElement("li");
      const { type, ...rest } = event;
      li.textContent = Object.keys(rest).length ? type + " " + JSON.stringify(rest) : type;
      events.appendChild(li);
    }
    if (!(data.events || []).length) {
      const li = document.createElement("li");
      li.textContent = text("noEvents");
      events.appendChild(li);
    }
  }

  function show(data) {
    for (const note of data.notes || []) status.textContent = note;
    for (const message of data.messages) showMessage(message);
    showState(data);
    chunks.push(data.transcript);
    log.scrollTop = log.scrollHeight;
  }

  function fail(error) {
    status.textContent = error.message + (error.problems.length ? ": " + error.problems.join("; ") : "");
  }

  async function start() {
    if (busy) return;
    busy = true;
    sim = null;
    chunks = [];
    log.replaceChildren();
    status.textContent = "";
    try {
      const source = field("source") || "served";
      const data = await post(root.dataset.start, {
        source,
        ...(source === "directory" ? { dir: field("dir") } : {}),
        rendering: rendering(),
        lang: field("lang"),
        country: field("country"),
        start: field("start"),
      });
      sim = data.sim;
      show(data);
    } catch (error) {
      fail(error);
    } finally {
      busy = false;
    }
  }

  async function turn(line, shown, choice) {
    if (busy || !line.trim()) return;
    if (!sim) return start();
    busy = true;
    say(shown);
    try {
      show(
        await post(root.dataset.turn, { sim, rendering: rendering(), line, ...(choice ? { choice } : {}) }),
      );
    } catch (error) {
      if (error.status === 404) status.textContent = text("expired");
      else fail(error);
    } finally {
      busy = false;
    }
  }

  function save() {
    if (!chunks.length) {
      status.textContent = text("nothingToSave");
      return;
    }
    const transcript = chunks.join("\n\n").trim() + "\n";
    const url = URL.createObjectURL(new Blob([transcript], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = ["simulator", field("lang"), field("country")].filter(Boolean).join("-") + ".txt";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = text("saved");
  }

  settings.addEventListener("submit", (event) => {
    event.preventDefault();
    void start();
  });
  sendForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const line = lineInput.value;
    lineInput.value = "";
    void turn(line, line);
  });
  document.getElementById("sim-save").addEventListener("click", save);
  void start();
})();
