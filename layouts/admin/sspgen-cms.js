// sspgen's additions to Decap CMS, loaded by admin/index.html after decap-cms.js (which waits
// for us: window.CMS_MANUAL_INIT). Registered before the form reads config.yml:
//
// * the custom formats «sspgen-yaml» and «sspgen-frontmatter» (sspgen-yaml.js), which write
//   the canonical YAML of `sspgen fmt` and change only what the user changed;
// * one editor component per page shortcode ([[dokument: …]], [[plan: …]] …): should a
//   municipality turn Decap's rich text mode on again (sspgen/decap.py offers only the plain
//   Markdown mode), it shows them as blocks and writes them back as they were, never as \[[…]].
// * «Nyt møde» (sspgen-moede.js): a new meeting is filled on save like `sspgen new moede`.

import { YAML } from "./yaml/index.js";
import * as types from "./yaml/types.js";
import { makeFormat } from "./sspgen-yaml.js";
import { registerNewMeeting } from "./sspgen-moede.js";

const SHORTCODES = [
  { kind: "dokument", label: "Dokument", field: "Dokumentets id (under «dokumenter» i kommune.yaml)" },
  { kind: "kontakter", label: "Kontakter", field: "Emne (kontakter med dette emne)" },
  { kind: "plan", label: "Plan", field: "Planens id" },
  { kind: "pensum", label: "Pensum", field: "Pensummets id" },
];

function registerShortcodes(CMS) {
  for (const { kind, label, field } of SHORTCODES) {
    CMS.registerEditorComponent({
      id: `sspgen-${kind}`,
      label,
      fields: [{ name: "id", label: field, widget: "string" }],
      pattern: new RegExp(`^\\[\\[[ \\t]*${kind}[ \\t]*:[ \\t]*([^\\[\\]\\n]*?)[ \\t]*\\]\\]$`, "m"),
      fromBlock: (match) => ({ id: match[1] }),
      toBlock: (data) => `[[${kind}: ${data.id || ""}]]`,
      toPreview: (data) => `[[${kind}: ${data.id || ""}]]`,
    });
  }
}

// A failing save must say why in the browser's console (Decap shows only a generic error).
function logged(format, name) {
  return {
    fromFile(text) {
      try {
        return format.fromFile(text);
      } catch (error) {
        console.error(`sspgen: ${name} kunne ikke læse filen`, error);
        throw error;
      }
    },
    toFile(data, ...rest) {
      try {
        return format.toFile(data, ...rest);
      } catch (error) {
        console.error(`sspgen: ${name} kunne ikke skrive filen`, error, JSON.stringify(data));
        throw error;
      }
    },
  };
}

const CMS = window.CMS;
const formats = makeFormat(YAML, types);
CMS.registerCustomFormat("sspgen-yaml", "yaml", logged(formats.yaml, "sspgen-yaml"));
CMS.registerCustomFormat("sspgen-frontmatter", "md", logged(formats.frontmatter, "sspgen-frontmatter"));
registerShortcodes(CMS);
registerNewMeeting(CMS, YAML);
CMS.init();
