#!/usr/bin/env python3
"""End-to-end test of the weight explorer (权重试算) of index.html in headless Chromium.

`indicheck evaluate` on the bundled corpus, then index.html opened in Debian's chromium, driven
through the DevTools protocol over --remote-debugging-pipe (standard library only: no
websocket module, no npm). The test works the page as an auditor would: key presses on an area
slider (End / Home), a number typed into a weight box, the 等权 / 熵权法 / CRITIC buttons, and a
mouse click on 导出权重方案, which downloads the profile. Each exported profile is then given to
`indicheck evaluate --profile`, and the page's ranking must equal the CLI's: the same score to
2 decimals and the same rank for every unit. Screenshots (screen and print media) go to
ARTEFACTS for a person to look at.

Usage: weight_explorer_e2e.py --indicheck BIN --source DIR --artefacts DIR
Exit 0 = pass, 1 = fail, 77 = skipped (no chromium).
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

FAILURES = []


def check(cond, message):
    if not cond:
        FAILURES.append(message)
        print("FAIL: " + message, file=sys.stderr)
    return cond


class Browser:
    """Chromium over the DevTools pipe: NUL-separated JSON on fds 3 (in) and 4 (out)."""

    def __init__(self, profile_dir):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        cmd = ("exec chromium --headless --no-sandbox --disable-gpu --no-first-run "
               "--disable-background-networking --disable-component-update --disable-sync "
               "--disable-dev-shm-usage --hide-scrollbars --remote-debugging-pipe "
               "--user-data-dir='{}' about:blank 3<&{} 4>&{}").format(profile_dir, to_r, from_w)
        self.proc = subprocess.Popen(["bash", "-c", cmd], pass_fds=(to_r, from_w),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            reply = self.read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("{}: {}".format(method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)
        raise RuntimeError("timeout waiting for " + method)

    def read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise RuntimeError("timeout reading from chromium")
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_event(self, method, predicate=lambda p: True, timeout=60):
        deadline = time.time() + timeout
        while True:
            for k, ev in enumerate(self.events):
                if ev.get("method") == method and predicate(ev.get("params", {})):
                    del self.events[k]
                    return ev["params"]
            self.events.append(self.read_message(deadline))

    def js(self, expression):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError("JS error: {}".format(r["exceptionDetails"]))
        return r["result"].get("value")

    def key(self, key, code, vk):
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent",
                      {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk})

    def click(self, selector):
        box = self.js("(function(){var e=document.querySelector(%s);e.scrollIntoView({block:"
                      "'center'});var r=e.getBoundingClientRect();return [r.left+r.width/2,"
                      "r.top+r.height/2];})()" % json.dumps(selector))
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1],
                                                   "button": "left", "clickCount": 1})

    def screenshot(self, path, selector):
        rect = self.js("(function(){var r=document.querySelector(%s).getBoundingClientRect();"
                       "return [r.left+scrollX,r.top+scrollY,r.width,r.height];})()"
                       % json.dumps(selector))
        shot = self.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": max(0, rect[1] - 10), "width": 1400,
                     "height": min(rect[3] + 20, 4000), "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=10)
        except Exception:  # noqa: BLE001 - closing is best effort
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def evaluate(args, out_dir, profile=None, model="hierarchical"):
    cmd = [args.indicheck, "evaluate", os.path.join(args.source, "corpus"), "--rules",
           os.path.join(args.source, "rules"), "--out", out_dir, "--date", "2026-01-02",
           "--quiet", "--jobs", "1", "--model", model]
    if profile:
        cmd += ["--profile", profile]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("evaluate failed ({}): {}{}".format(r.returncode, r.stdout, r.stderr))
    with open(os.path.join(out_dir, "results.json"), encoding="utf-8") as f:
        return json.load(f)


def cli_ranking(results, framework):
    """{(unit, year): (score, rank)} of one framework from results.json."""
    out = {}
    for rep in results["reports"]:
        for res in rep.get("results", []):
            if res["framework"] == framework:
                key = (rep["meta"]["unit"]["value"], rep["meta"]["year"])
                out[key] = (res["score"], res["rank"])
    return out


PAGE_RANKING = """(function(){
  var s = document.querySelector('section.wx[data-fw="%s"]');
  return Array.prototype.map.call(s.querySelectorAll('.wx-rank tbody tr'), function (tr) {
    return {rank: Number(tr.getAttribute('data-rank')), score: Number(tr.getAttribute('data-score')),
            name: tr.cells[2].textContent, year: Number(tr.cells[3].textContent),
            shown: tr.cells[4].textContent, move: tr.cells[1].textContent};
  });
})()"""


PARTIAL_PROBE = """(function(){
  var x = document.querySelector('section.wx[data-fw="%s"]').explorer;
  var u = x.d.units[0], keep = u.states, out = [];
  ['m', 'p'].forEach(function (c) {
    u.states = keep.replace(/[mpz]/g, c);
    x.update();
    var row = Array.prototype.filter.call(x.section.querySelectorAll('.wx-rank tbody tr'),
      function (tr) { return tr.cells[2].textContent === u.name &&
                             Number(tr.cells[3].textContent) === u.year; })[0];
    out.push(Number(row.getAttribute('data-score')));
  });
  u.states = keep;
  x.update();
  return [out, x.d.pc];
})()"""


def page_ranking(browser, fw):
    return browser.js(PAGE_RANKING % fw)


def compare(label, page, cli):
    check(len(page) == len(cli), "{}: page lists {} units, evaluate {}".format(
        label, len(page), len(cli)))
    for row in page:
        key = (row["name"], row["year"])
        if not check(key in cli, "{}: {} not in evaluate's results".format(label, key)):
            continue
        score, rank = cli[key]
        check("{:.2f}".format(row["score"]) == "{:.2f}".format(score),
              "{}: {} page score {:.4f} vs evaluate {:.4f}".format(label, key, row["score"], score))
        check(row["shown"] == "{:.2f}".format(score),
              "{}: {} page shows {} vs evaluate {:.2f}".format(label, key, row["shown"], score))
        check(row["rank"] == rank, "{}: {} page rank {} vs evaluate {}".format(
            label, key, row["rank"], rank))


def export_profile(browser, downloads, fw):
    before = set(os.listdir(downloads))
    browser.click('section.wx[data-fw="%s"] .wx-export' % fw)
    done = browser.wait_event("Browser.downloadProgress", lambda p: p.get("state") == "completed")
    path = os.path.join(downloads, done["guid"])
    check(os.path.exists(path), "export: no file downloaded ({})".format(sorted(before)))
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check("profile:" in text and "weights:" in text, "export: not a profile:\n" + text)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--indicheck", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--artefacts", required=True)
    args = ap.parse_args()
    if shutil.which("chromium") is None:
        print("SKIPPED: chromium is not installed (scripts/install-deps.sh installs it)")
        return 77
    art = os.path.join(args.artefacts, "weights")
    shutil.rmtree(art, ignore_errors=True)
    os.makedirs(art)
    work = tempfile.mkdtemp(prefix="indicheck-wx-")
    try:
        for model in ("hierarchical", "flat"):
            run_model(args, os.path.join(art, model), os.path.join(work, model), model)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print("{} failure(s)".format(len(FAILURES)), file=sys.stderr)
        return 1
    print("weight explorer: page = evaluate --profile (hierarchical and flat) for sliders, number "
          "box, equal, entropy, CRITIC and default weights; screenshots in " + art)
    return 0


def run_model(args, art, work, model):
    os.makedirs(art)
    out = os.path.join(art, "out")
    baseline = evaluate(args, out, model=model)
    fw = "gangyao-2021"
    page = os.path.join(out, "index.html")
    with open(page, encoding="utf-8") as f:
        check('data-fw="gangyao-2015"' in f.read(), "index.html: no explorer for gangyao-2015")
    downloads = os.path.join(art, "downloads")
    os.makedirs(downloads)
    browser = Browser(os.path.join(work, "profile"))
    try:
        drive(args, browser, art, page, downloads, baseline, fw, model)
    finally:
        browser.close()


def drive(args, browser, art, page, downloads, baseline, fw, model):
    target = browser.send("Target.createTarget", {"url": "about:blank"}, session=False)
    browser.session = browser.send("Target.attachToTarget", {
        "targetId": target["targetId"], "flatten": True}, session=False)["sessionId"]
    browser.send("Browser.setDownloadBehavior", {
        "behavior": "allowAndName", "downloadPath": downloads, "eventsEnabled": True},
        session=False)
    for domain in ("Page", "Runtime", "Log"):
        browser.send(domain + ".enable")
    browser.send("Emulation.setDeviceMetricsOverride", {
        "width": 1400, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    browser.send("Page.navigate", {"url": "file://" + os.path.abspath(page)})
    browser.wait_event("Page.loadEventFired")

    # 1. As loaded, the page's ranking is the run's.
    compare(model + ": run weights", page_ranking(browser, fw), cli_ranking(baseline, fw))
    base_order = [(r["name"], r["year"]) for r in page_ranking(browser, fw)]
    check(all(r["move"] == "—" for r in page_ranking(browser, fw)),
          "run weights: a rank change is shown before anything moved")

    # Partial credit (the bundled corpus has no partial item): the first unit's items in force
    # all set to met, then all to partial, in the page's own data: the score must scale by the
    # partial credit (0.5) in either model. Then the data is put back.
    probe = browser.js(PARTIAL_PROBE % fw)
    check(probe[0][0] > 0 and abs(probe[0][1] - probe[1] * probe[0][0]) < 1e-4,
          "%s: partial credit: all met %.4f, all partial %.4f, partial credit %s"
          % (model, probe[0][0], probe[0][1], probe[1]))
    check(page_ranking(browser, fw) == page_ranking(browser, fw) and
          all(r["move"] == "—" for r in page_ranking(browser, fw)),
          "partial probe: the page did not return to the run's ranking")

    # 2. Move area sliders with the keyboard until the ranking changes: End = slider max.
    sliders = browser.js("Array.prototype.map.call(document.querySelectorAll("
                         "'section.wx[data-fw=\"%s\"] .wx-weights > tbody > tr > td > "
                         "input[type=range]'), function(e){return e.getAttribute("
                         "'data-node');})" % fw)
    check(len(sliders) >= 5, "sliders: only {} area sliders".format(len(sliders)))
    moved = []
    for node in sliders:
        sel = 'section.wx[data-fw="%s"] input[type=range][data-node="%s"]' % (fw, node)
        browser.js("document.querySelector(%s).focus()" % json.dumps(sel))
        browser.key("End", "End", 35)
        moved.append(node)
        order = [(r["name"], r["year"]) for r in page_ranking(browser, fw)]
        if order != base_order:
            break
    value = browser.js("document.querySelector('section.wx[data-fw=\"%s\"] "
                       "input[type=number][data-node=\"%s\"]').value" % (fw, moved[-1]))
    check(float(value) > 0, "slider End did not set the number box ({})".format(value))
    # Type a weight into another area's number box.
    other = sliders[-1] if sliders[-1] not in moved else sliders[0]
    sel = 'section.wx[data-fw="%s"] input[type=number][data-node="%s"]' % (fw, other)
    browser.js("(function(e){e.focus();e.select();})(document.querySelector(%s))"
               % json.dumps(sel))
    browser.send("Input.insertText", {"text": "0.5"})
    browser.js("document.activeElement.blur()")
    # Open the first area's sections on demand and push its first section to the slider's end.
    browser.click('section.wx[data-fw="%s"] tr.wx-subrow summary' % fw)
    section = browser.js("(function(){var e=document.querySelector('section.wx[data-fw=\"%s\"] "
                         "tr.wx-subrow details[open] input[type=range]');if(!e)return null;"
                         "e.focus();return e.getAttribute('data-node');})()" % fw)
    if check(section is not None, "sections: no section slider after opening the details"):
        browser.key("End", "End", 35)
        moved.append(section)
    moved_rows = page_ranking(browser, fw)
    check(any(r["move"] != "—" for r in moved_rows),
          "sliders moved ({}) but no ▲/▼ rank change is shown".format(moved))
    status = browser.js("document.querySelector('section.wx[data-fw=\"%s\"] .wx-status')"
                        ".textContent" % fw)
    check("自定义" in status, "status does not say 自定义: " + status)
    browser.screenshot(os.path.join(art, "explorer-moved.png"),
                       'section.wx[data-fw="%s"]' % fw)
    exported = export_profile(browser, downloads, fw)
    shutil.copy(exported, os.path.join(art, "exported-moved.yaml"))
    compare(model + ": sliders " + ",".join(moved), moved_rows,
            cli_ranking(evaluate(args, os.path.join(art, "out-moved"), exported, model), fw))

    # 3. The preset buttons, each exported and re-evaluated.
    for preset in ("equal", "ent", "cri", "def"):
        browser.click('section.wx[data-fw="%s"] button[data-preset="%s"]' % (fw, preset))
        rows = page_ranking(browser, fw)
        exported = export_profile(browser, downloads, fw)
        shutil.copy(exported, os.path.join(art, "exported-%s.yaml" % preset))
        compare(model + ": " + preset, rows, cli_ranking(
            evaluate(args, os.path.join(art, "out-" + preset), exported, model), fw))
    browser.screenshot(os.path.join(art, "explorer-default.png"),
                       'section.wx[data-fw="%s"]' % fw)

    # 4. Printed, the weights in force are shown as text (the inputs are hidden).
    browser.click('section.wx[data-fw="%s"] button[data-preset="equal"]' % fw)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    shown = browser.js("Array.prototype.map.call(document.querySelectorAll('section.wx[data-fw"
                       "=\"%s\"] .wx-weights > tbody > tr > td > .wx-print'), function(e){"
                       "return getComputedStyle(e).display + ' ' + e.textContent;})" % fw)
    check(len(shown) == len(sliders) and all(s.startswith("inline ") for s in shown),
          "print: weights not shown as text: {}".format(shown))
    hidden = browser.js("getComputedStyle(document.querySelector('section.wx input')).display")
    check(hidden == "none", "print: inputs still shown ({})".format(hidden))
    browser.screenshot(os.path.join(art, "explorer-print.png"),
                       'section.wx[data-fw="%s"]' % fw)
    browser.send("Emulation.setEmulatedMedia", {"media": ""})

    errors = [e for e in browser.events if e.get("method") in
              ("Runtime.exceptionThrown", "Log.entryAdded", "Runtime.consoleAPICalled")]
    check(not errors, "console messages or exceptions: {}".format(errors))


if __name__ == "__main__":
    sys.exit(main())
