// sspgen's canonical YAML for Decap CMS: read a file, and write back only what the user changed.
//
// Decap's own YAML writer builds every file anew from the form's data: comments and the
// `# yaml-language-server` line are dropped, and a one-word change rewrites the whole file.
// Here the original text is parsed into a `yaml` Document (the npm package, version 1: the
// writer sspgen's canonical format, sspgen/yamlfmt.py, is modelled on), and on save only the
// values that differ from the original are replaced in that Document. Untouched nodes keep
// their comments, order and quoting; new values are written by the same rules as `sspgen fmt`
// (plain unless YAML 1.2 would read another type, multi-line text as a literal block, no
// line folding). Empty values are removed from the data first: a cleared optional field
// loses its key instead of being written as "", and an empty list item is never written.
//
// The original text travels with the entry in a hidden form field (SOURCE_FIELD): Decap
// gives a format only the data, never the file's path.

export const SOURCE_FIELD = "__sspgen_kilde";

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// The value without its empty parts, or undefined when nothing is left.
export function clean(value) {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    const result = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = clean(item);
      if (kept !== undefined) result[key] = kept;
    }
    return Object.keys(result).length ? result : undefined;
  }
  return value;
}

function equal(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return false;
}

function keyOf(pair) {
  const key = pair.key;
  return String(key && typeof key === "object" && "value" in key ? key.value : key);
}

// `YAML` is the yaml package's default export, `types` its `yaml/types` module.
export function makeFormat(YAML, types) {
  YAML.scalarOptions.str.fold.lineWidth = 0; // never re-wrap text (sspgen fmt keeps lines as they are)
  const { YAMLMap, YAMLSeq } = types;

  function fresh(value) {
    return YAML.createNode(value, true);
  }

  // A new node for a changed value, keeping the comments that were on the old one.
  function replace(node, value) {
    const created = fresh(value);
    if (node && typeof node === "object") {
      if (node.commentBefore) created.commentBefore = node.commentBefore;
      if (node.comment) created.comment = node.comment;
    }
    return created;
  }

  function updateMap(node, old, value, order) {
    const oldObject = isObject(old) ? old : {};
    const items = node.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const key = keyOf(items[i]);
      if (key in value) continue;
      if (clean(oldObject[key]) === undefined) continue; // empty before, still empty: untouched
      const [removed] = items.splice(i, 1);
      const before = removed.commentBefore || (removed.key && removed.key.commentBefore);
      if (before && items[i]) {
        const next = items[i].key && typeof items[i].key === "object" ? items[i].key : items[i];
        next.commentBefore = next.commentBefore ? `${before}\n${next.commentBefore}` : before;
      }
    }
    for (const pair of items) {
      const key = keyOf(pair);
      if (key in value) pair.value = update(pair.value, oldObject[key], value[key]);
    }
    const sequence = order && order.length ? [...order, ...Object.keys(value)] : Object.keys(value);
    const rank = (key) => {
      const index = sequence.indexOf(key);
      return index === -1 ? sequence.length : index;
    };
    for (const key of Object.keys(value)) {
      if (items.some((pair) => keyOf(pair) === key)) continue;
      const pair = YAML.createNode({ [key]: value[key] }, true).items[0];
      let at = items.length;
      while (at > 0 && rank(keyOf(items[at - 1])) > rank(key)) at--;
      items.splice(at, 0, pair);
    }
    return node;
  }

  function updateSeq(node, old, value) {
    const oldItems = node.items;
    const oldValues = Array.isArray(old) ? old : [];
    const used = new Set();
    const matched = value.map((item, i) => {
      if (i < oldItems.length && equal(clean(oldValues[i]), item)) {
        used.add(i);
        return oldItems[i];
      }
      return null;
    });
    value.forEach((item, i) => {
      if (matched[i]) return;
      const j = oldValues.findIndex((candidate, k) => !used.has(k) && k < oldItems.length && equal(clean(candidate), item));
      if (j !== -1) {
        used.add(j);
        matched[i] = oldItems[j];
      }
    });
    node.items = value.map((item, i) => {
      if (matched[i]) return matched[i];
      if (i < oldItems.length && !used.has(i)) {
        used.add(i);
        return update(oldItems[i], oldValues[i], item);
      }
      return fresh(item);
    });
    return node;
  }

  function update(node, old, value, order) {
    if (equal(clean(old), value)) return node;
    if (isObject(value) && node instanceof YAMLMap) return updateMap(node, old, value, order);
    if (Array.isArray(value) && node instanceof YAMLSeq) return updateSeq(node, old, value);
    return replace(node, value);
  }

  // The leading comment lines of a text (the schema line), as written.
  function leadingComments(text) {
    const lines = [];
    for (const line of text.split("\n")) {
      if (!line.startsWith("#")) break;
      lines.push(line);
    }
    return lines;
  }

  function ordered(value, order) {
    if (!order || !order.length) return value;
    const result = {};
    for (const key of order) if (key in value) result[key] = value[key];
    for (const key of Object.keys(value)) if (!(key in result)) result[key] = value[key];
    return result;
  }

  // The text of `data` (the form's values) written over `source` (the file as it was, or
  // just its schema line for a new file).
  function write(data, source, order) {
    const value = clean(data) || {};
    const original = source || "";
    const doc = original.trim() ? YAML.parseDocument(original) : null;
    if (!doc || doc.errors.length || !doc.contents || !(doc.contents instanceof YAMLMap)) {
      const head = leadingComments(original);
      const body = YAML.stringify(ordered(value, order));
      return (head.length ? `${head.join("\n")}\n` : "") + body;
    }
    if (equal(clean(doc.toJSON()), value)) return original;
    doc.contents = update(doc.contents, doc.toJSON(), value, order);
    return String(doc);
  }

  function read(text) {
    const data = YAML.parse(text) || {};
    return isObject(data) ? data : {};
  }

  return {
    yaml: {
      fromFile(text) {
        return { ...read(text), [SOURCE_FIELD]: text };
      },
      toFile(data, sortedKeys) {
        const { [SOURCE_FIELD]: source, ...rest } = data;
        return write(rest, source, sortedKeys);
      },
    },
    // Markdown pages: YAML front matter between --- lines, then the body exactly as given.
    frontmatter: {
      fromFile(text) {
        const match = /^---\r?\n([\s\S]*?)\r?\n?---\r?\n?/.exec(text);
        if (!match) return { body: text, [SOURCE_FIELD]: "" };
        return { ...read(match[1]), body: text.slice(match[0].length), [SOURCE_FIELD]: match[1] ? `${match[1]}\n` : "" };
      },
      toFile(data, sortedKeys) {
        const { [SOURCE_FIELD]: source, body, ...rest } = data;
        const head = write(rest, source, (sortedKeys || []).filter((key) => key !== "body"));
        const text = body === undefined || body === null ? "" : String(body);
        return `---\n${head}---\n${text && !text.endsWith("\n") ? `${text}\n` : text}`;
      },
    },
  };
}
