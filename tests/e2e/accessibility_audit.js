// Checks a page as a reader with a screen reader, a keyboard or poor sight
// would meet it; returns one line per problem (tests/e2e/test_accessibility.py).
() => {
  const problems = [];
  // What a disclosure holds is read too.
  for (const details of document.querySelectorAll("details")) details.open = true;
  const shown = (el) => el.checkVisibility({ visibilityProperty: true });
  const short = (el) => el.outerHTML.replace(/\s+/g, " ").slice(0, 90);
  const textOf = (el) => (el.getAttribute("aria-label") || el.innerText || el.getAttribute("title") ||
    [...el.querySelectorAll("img[alt]")].map((img) => img.alt).join(" ") || "").trim();

  const root = document.documentElement;
  if (!root.lang || !root.dir) problems.push("<html> without lang and dir");

  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(shown);
  const h1s = headings.filter((h) => h.tagName === "H1").length;
  if (h1s !== 1) problems.push(`${h1s} visible h1`);
  let level = 0;
  for (const heading of headings) {
    const next = Number(heading.tagName[1]);
    if (next > level + 1) problems.push(`heading level skipped: ${short(heading)}`);
    level = next;
  }

  for (const img of document.querySelectorAll("img:not([alt])")) problems.push(`image without alt: ${short(img)}`);
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.closest("[aria-hidden=true]") || !shown(svg)) continue;
    const named = svg.getAttribute("aria-label") || svg.getAttribute("aria-labelledby") || svg.querySelector(":scope > title");
    if (!named) problems.push(`chart without a name: ${short(svg)}`);
  }

  for (const control of document.querySelectorAll("input, select, textarea")) {
    // Buttons are named by their value, and a field hidden from everyone needs no name.
    if (["hidden", "submit", "reset", "button", "image"].includes(control.type) || !shown(control)) continue;
    if (control.closest("[aria-hidden=true]")) continue;
    const labelled = control.labels.length || control.getAttribute("aria-label") || control.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`field without a label: ${short(control)}`);
  }
  for (const target of document.querySelectorAll("a[href], button")) {
    if (shown(target) && !textOf(target)) problems.push(`link or button without text: ${short(target)}`);
  }
  const ids = new Set();
  for (const el of document.querySelectorAll("[id]")) {
    if (ids.has(el.id)) problems.push(`duplicate id: ${el.id}`);
    ids.add(el.id);
  }

  const rgba = (value) => {
    const parts = value.match(/[\d.]+/g).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") return null;
      const color = rgba(style.backgroundColor);
      if (color.a > 0) layers.push(color);
      if (color.a === 1) break;
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), { r: 255, g: 255, b: 255, a: 1 });
  };
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest("svg") || !shown(el)) continue;
    const ownText = [...el.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!ownText) continue;
    const style = getComputedStyle(el);
    const back = background(el);
    if (!back) continue;
    const color = over(rgba(style.color), back);
    const [light, dark] = [luminance(color), luminance(back)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}: ${short(el)}`);
  }
  return problems;
}
