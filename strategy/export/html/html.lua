-- HTML look and structure of the composed document's constructs (see
-- strategy/compose/document.py and strategy/export/html/export.py).
--
-- One pass over the body in reading order numbers the chapters, tables and figures
-- (as the PDF and the DOCX do), then the table of contents and the lists of tables
-- and figures are written as navigation lists of links where the document puts them.

local stringify = pandoc.utils.stringify

local function has_class(el, name)
  return el.classes and el.classes:includes(name)
end

local function escape(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function raw(text)
  return pandoc.RawBlock("html", text)
end

local meta_words = {}

-- The review-mark rule the PDF and the HTML share: export/review.lua, one folder up.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local review = dofile(here .. "../review.lua").review

local counters = { 0, 0, 0, 0, 0, 0 }
local toc, tables, figures = {}, {}, {}

local function number_heading(h)
  local number = nil
  if not has_class(h, "unnumbered") then
    counters[h.level] = counters[h.level] + 1
    for i = h.level + 1, #counters do
      counters[i] = 0
    end
    local parts = {}
    for i = 1, h.level do
      table.insert(parts, tostring(counters[i]))
    end
    number = table.concat(parts, ".") .. "."
    h.content:insert(1, pandoc.Space())
    h.content:insert(1, pandoc.Span({ pandoc.Str(number) }, { class = "number" }))
  end
  if h.level <= 3 then
    table.insert(toc, { level = h.level, id = h.identifier, text = stringify(h.content) })
  end
  return h
end

local function number_table(tbl)
  local n = #tables + 1
  if tbl.identifier == "" then
    tbl.identifier = "tabela-" .. n
  end
  local title = stringify(tbl.caption.long)
  local name = meta_words.table .. " " .. n .. ". " .. title
  table.insert(tables, { id = tbl.identifier, text = name })
  local label = pandoc.Strong({ pandoc.Str(meta_words.table .. " " .. n .. ".") })
  if #tbl.caption.long > 0 and tbl.caption.long[1].content then
    tbl.caption.long[1].content:insert(1, pandoc.Space())
    tbl.caption.long[1].content:insert(1, label)
  else
    tbl.caption.long = { pandoc.Plain({ label }) }
  end
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.attributes.scope = "col"
    end
  end
  local row_heads = has_class(tbl, "rowheaders")
  for _, body in ipairs(tbl.bodies) do
    if row_heads then
      body.row_head_columns = 1
    end
    for _, row in ipairs(body.body) do
      if row_heads and row.cells[1] then
        row.cells[1].attributes.scope = "row"
      end
    end
  end
  tbl.classes = pandoc.List({})
  -- A wide table scrolls sideways inside a focusable region named by its caption.
  return {
    raw('<div class="table-wrap" role="region" tabindex="0" aria-label="' .. escape(name) .. '">'),
    tbl,
    raw("</div>"),
  }
end

local function figure_block(fig)
  local img = nil
  fig:walk({ Image = function(i) img = img or i end })
  if not img then
    return nil
  end
  local n = #figures + 1
  local id = fig.identifier ~= "" and fig.identifier or ("rysunek-" .. n)
  local caption = stringify(fig.caption.long)
  local alt = img.attributes["fig-alt"]
  if not alt or alt == "" then
    alt = caption
  end
  local label = meta_words.figure .. " " .. n .. "."
  table.insert(figures, { id = id, text = label .. " " .. caption })
  return raw('<figure id="' .. escape(id) .. '"><img src="' .. escape(img.src) .. '" alt="'
    .. escape(alt) .. '"><figcaption><strong>' .. escape(label) .. "</strong> "
    .. escape(caption) .. "</figcaption></figure>")
end

local function title_page(div)
  local out = pandoc.Blocks({ raw('<header class="titlepage">') })
  if meta_words.draft ~= "" then
    out:insert(raw('<p class="draft-mark" role="note">' .. escape(meta_words.draft) .. "</p>"))
  end
  local names = { "partnership", "title", "subtitle", "version", "date" }
  local n = 0
  for _, block in ipairs(div.content) do
    if block.t == "Para" or block.t == "Plain" then
      n = n + 1
      if n == 3 and has_class(div, "nosubtitle") then
        n = 4 -- no subtitle: the version line keeps its own class
      end
      local class = names[math.min(n, #names)]
      out:insert(pandoc.Div({ pandoc.Para(block.content) }, { class = class }))
    else
      out:insert(block)
    end
  end
  out:insert(raw("</header>"))
  return out
end

-- The body in reading order: what is numbered is numbered here, the lists are left as
-- markers to fill once everything is counted.
local function walk_blocks(blocks)
  local out = pandoc.Blocks({})
  for i, block in ipairs(blocks) do
    if block.t == "Header" then
      out:insert(number_heading(block))
    elseif block.t == "Table" then
      out:extend(number_table(block))
    elseif block.t == "Figure" then
      out:insert(figure_block(block) or block)
    elseif block.t == "Div" and has_class(block, "titlepage") then
      out:extend(title_page(block))
      out:insert(raw('<main id="main">'))
    elseif block.t == "Div" and has_class(block, "pagebreak") then
      -- pages are the printer's business (style.css)
    elseif block.t == "Div" and (has_class(block, "toc") or has_class(block, "lot")
        or has_class(block, "lof")) then
      local titled = not (i > 1 and blocks[i - 1].t == "Header")
      block.attributes["titled"] = tostring(titled)
      out:insert(block)
    elseif block.t == "Div" then
      block.content = walk_blocks(block.content)
      out:insert(block)
    else
      out:insert(block)
    end
  end
  return out
end

local function link_list(entries, nested)
  local html = { "<ul>" }
  local depth = 1
  for k, entry in ipairs(entries) do
    local level = nested and entry.level or 1
    while depth < level do
      table.insert(html, "<ul>")
      depth = depth + 1
    end
    while depth > level do
      table.insert(html, "</li></ul>")
      depth = depth - 1
    end
    if k > 1 and html[#html] ~= "<ul>" then
      table.insert(html, "</li>")
    end
    table.insert(html, '<li><a href="#' .. escape(entry.id) .. '">' .. escape(entry.text) .. "</a>")
  end
  if #entries > 0 then
    table.insert(html, "</li>")
  end
  while depth > 1 do
    table.insert(html, "</ul></li>")
    depth = depth - 1
  end
  table.insert(html, "</ul>")
  return table.concat(html, "\n")
end

local function lists(blocks)
  local out = pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    if block.t == "Div" and has_class(block, "toc") then
      local title = meta_words.toc
      local heading = block.attributes["titled"] == "true"
        and ('<h2 id="spis-tresci">' .. escape(title) .. "</h2>") or ""
      out:insert(raw('<nav class="toc" aria-label="' .. escape(title) .. '">' .. heading
        .. link_list(toc, true) .. "</nav>"))
    elseif block.t == "Div" and has_class(block, "lot") then
      out:insert(raw('<nav class="lot" aria-label="' .. escape(meta_words.lot) .. '">'
        .. link_list(tables, false) .. "</nav>"))
    elseif block.t == "Div" and has_class(block, "lof") then
      out:insert(raw('<nav class="lof" aria-label="' .. escape(meta_words.lof) .. '">'
        .. link_list(figures, false) .. "</nav>"))
    elseif block.t == "Div" then
      block.content = lists(block.content)
      out:insert(block)
    else
      out:insert(block)
    end
  end
  return out
end

-- The review marks go first (a pass of their own over every span and div); the build
-- says "review-marks: none" when no mark's class name is anywhere in the Markdown
-- (export.py), and the pass, which would change nothing, is left out.
local function without_review_marks(doc)
  local none = doc.meta["review-marks"] ~= nil and stringify(doc.meta["review-marks"]) == "none"
  doc.meta["review-marks"] = nil
  if none then
    return doc
  end
  return doc:walk({ Span = review, Div = review })
end

return {
  {
    Pandoc = function(doc)
      doc = without_review_marks(doc)
      local function word(key)
        return doc.meta[key] and stringify(doc.meta[key]) or ""
      end
      meta_words = {
        table = word("table-word"),
        figure = word("figure-word"),
        toc = word("toc-title"),
        lot = word("lot-title"),
        lof = word("lof-title"),
        draft = word("draft-mark"),
      }
      local blocks = walk_blocks(doc.blocks)
      local opened = false
      for _, block in ipairs(blocks) do
        if block.t == "RawBlock" and block.text == '<main id="main">' then
          opened = true
        end
      end
      if not opened then
        blocks:insert(1, raw('<main id="main">'))
      end
      blocks:insert(raw("</main>"))
      doc.blocks = lists(blocks)
      return doc
    end,
  },
}
