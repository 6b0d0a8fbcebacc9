-- Typst look of the composed document's constructs (see strategy/document.py).
--
-- pandoc's typst writer turns unknown divs into plain blocks and drops an image's
-- alternative text, so each construct becomes a call of a function defined in
-- strategy.typ (the template the PDF export puts in front of pandoc's output).

local stringify = pandoc.utils.stringify

local function has_class(el, name)
  return el.classes and el.classes:includes(name)
end

-- A typst string literal.
local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", "\\n") .. '"'
end

-- Inline pandoc content as typst markup, for a [content] argument.
local function markup(inlines)
  local text = pandoc.write(pandoc.Pandoc({ pandoc.Plain(inlines) }), "typst")
  return (text:gsub("%s+$", ""))
end

local function raw(text)
  return pandoc.RawBlock("typst", text)
end

-- The review-mark rule the PDF and the HTML share: export/review.lua, one folder up.
local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local review = dofile(here .. "../review.lua").review

-- Typst (and PDF/UA) need alternative text on every image; pandoc's writer drops
-- it, so the image is written here, with fig-alt (or, failing that, the caption).
local LENGTH = "^%s*[%d.]+%s*[%a%%]*%s*$"

local function image_call(img, extra)
  local alt = img.attributes["fig-alt"]
  if not alt or alt == "" then
    alt = stringify(img.caption)
  end
  local args = { typst_string(img.src), "alt: " .. typst_string(alt), extra }
  for _, key in ipairs({ "width", "height" }) do
    local value = img.attributes[key]
    -- typst knows %, pt, mm, cm, in; pixel sizes have no meaning on paper.
    if value and value:match(LENGTH) and not value:match("px") then
      table.insert(args, key .. ": " .. value)
    end
  end
  return "image(" .. table.concat(args, ", ") .. ")"
end

-- A title page's coat of arms or logo (class "emblem") is placed by the title page.
local function image(img)
  if has_class(img, "emblem") then
    return nil
  end
  return pandoc.RawInline("typst", "#" .. image_call(img))
end

-- The title page's images in a div (class "logos" or "emblems"): typst calls of each.
-- A coat of arms is contained in a square cell of its height, so arms of any shape
-- stand in even rows; a logo strip in a box the text's width, so none runs over it.
local function emblem_calls(div)
  local calls = {}
  pandoc.walk_block(div, {
    Image = function(img)
      local extra = 'width: 100%, fit: "contain"'
      if has_class(div, "emblems") then
        extra = 'width: ' .. (img.attributes["height"] or "1cm") .. ', fit: "contain"'
      end
      table.insert(calls, image_call(img, extra))
    end,
  })
  return "(" .. table.concat(calls, ", ") .. ",)"
end

local function title_page(div)
  local parts = {}
  local named = ""
  for _, block in ipairs(div.content) do
    if block.t == "Para" or block.t == "Plain" then
      if #parts == 2 and has_class(div, "nosubtitle") then
        table.insert(parts, "none") -- no subtitle: the version line keeps its own look
      end
      table.insert(parts, "[" .. markup(block.content) .. "]")
    elseif block.t == "Div" and (has_class(block, "logos") or has_class(block, "emblems")) then
      named = named .. ", " .. block.classes[1] .. ": " .. emblem_calls(block)
    end
  end
  -- The trailing comma keeps a one-element array an array.
  return raw("#strategy-titlepage((" .. table.concat(parts, ", ") .. ",)" .. named .. ")")
end

-- A table that fits a page (class "keep", set by compose from its measured height) is
-- not broken and sticks to what follows it (its source line); a longer one flows.
-- The comment before each table names the key-value ones for the row headers of the
-- PDF's tags (strategy/export/pdf/rowheaders.py).
local function table_block(tbl)
  local name = tbl.classes:includes("keep") and "strategy-kept" or "strategy-flowing"
  local mark = tbl.classes:includes("rowheaders") and "// strategy-table rowheaders"
    or "// strategy-table"
  return { raw(mark), raw("#" .. name .. "["), tbl, raw("]") }
end

local function wrap(name, blocks)
  local out = pandoc.Blocks({ raw("#" .. name .. "[") })
  out:extend(blocks)
  out:insert(raw("]"))
  return out
end

local function div(el)
  if has_class(el, "titlepage") then
    return title_page(el)
  elseif has_class(el, "pagebreak") then
    return raw("#pagebreak(weak: true)")
  elseif has_class(el, "source") then
    return wrap("strategy-source", el.content)
  elseif has_class(el, "landscape") then
    return wrap("strategy-landscape", el.content)
  end
  return nil
end

-- The table of contents and the lists carry their own title (toc-title, ...),
-- unless the composed document puts a heading right before them: then that heading
-- is their title, and a second one would repeat it.
local LISTS = { toc = "strategy-toc", lot = "strategy-lot", lof = "strategy-lof" }

local function lists(blocks)
  local out = pandoc.Blocks({})
  for i, block in ipairs(blocks) do
    local call = nil
    if block.t == "Div" then
      for class, name in pairs(LISTS) do
        if has_class(block, class) then
          call = name
        end
      end
      if not call then
        block.content = lists(block.content)
      end
    end
    if call then
      local titled = not (i > 1 and blocks[i - 1].t == "Header")
      out:insert(raw("#" .. call .. "(titled: " .. tostring(titled) .. ")"))
    else
      out:insert(block)
    end
  end
  return out
end

-- An unnumbered heading is written as #heading(...)[…], whose content is markup: a
-- title the partnership numbered ("1. Mobilność") would start an enumerated list there
-- (the outline then breaks it over lines). Its number is escaped.
local function heading(el)
  local first = el.content[1]
  if has_class(el, "unnumbered") and first and first.t == "Str"
      and first.text:match("^%d+%.$") then
    el.content[1] = pandoc.RawInline("typst", first.text:sub(1, -2) .. "\\.")
    return el
  end
end

-- A chapter opens a page: a weak page break before every level-1 heading the table of
-- contents lists (not "unlisted"), except in a landscape block (a page of its own).
local function chapter_breaks(blocks, landscape)
  local out = pandoc.Blocks({})
  for _, block in ipairs(blocks) do
    if block.t == "Header" and block.level == 1 and not landscape
        and not has_class(block, "unlisted") then
      out:insert(raw("#pagebreak(weak: true)"))
    -- (the type first: asking any other block for its content makes pandoc hand the
    -- block's inlines to Lua and take them back, a tenth of a second at 100 pages)
    elseif (block.t == "Div" or block.t == "BlockQuote") and block.content then
      block.content = chapter_breaks(block.content, landscape or has_class(block, "landscape"))
    end
    out:insert(block)
  end
  return out
end

-- First the chapters' page breaks, on the blocks as read (the review marks' divs still
-- there: a heading they drop takes its break along). Then one traversal: pandoc visits
-- every inline (Span, Image) before any block (Div),
-- so the title page is written from inlines already cleaned of review marks; the
-- lists are placed last, on the body's own blocks (not inside every table cell).
return {
  {
    Pandoc = function(doc)
      doc.blocks = chapter_breaks(doc.blocks, false)
      return doc
    end,
  },
  {
    Span = review,
    Image = image,
    Table = table_block,
    Header = heading,
    Div = function(el)
      return review(el) or div(el)
    end,
    Pandoc = function(doc)
      doc.blocks = lists(doc.blocks)
      return doc
    end,
  },
}
