-- DOCX look of the composed document's constructs (see strategy/document.py).
--
-- Styles are those of reference.docx (make_reference.py); the names here must
-- match its style names. What pandoc's docx writer cannot express (section geometry,
-- caption punctuation, header and footer) is finished in Python afterwards
-- (strategy/export/docx_finish.py), which recognises the markers written here.

local stringify = pandoc.utils.stringify

-- Paragraph styles of the title page, by the paragraph's place in the div.
local TITLE_PAGE_STYLES = {
  "Strona tytułowa – partnerstwo",
  "Title",
  "Subtitle",
  "Strona tytułowa – wersja",
  "Strona tytułowa – data",
}
-- The title page's programme logos and members' coats of arms, by the div's class.
local EMBLEM_STYLES = {
  logos = "Strona tytułowa – logotypy",
  emblems = "Strona tytułowa – herby",
}
local SOURCE_STYLE = "Źródło"
local LIST_TITLE_STYLE = "ListTitle" -- style id of "Tytuł spisu"

local function xml_escape(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

local function has_class(el, name)
  return el.classes and el.classes:includes(name)
end

-- An empty paragraph whose break starts a new page. The finishing step moves the
-- break onto the next paragraph (w:pageBreakBefore) where there is one, so that no
-- empty line is left at the top of the new page.
local PAGE_BREAK = pandoc.RawBlock("openxml",
  '<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

-- The end of a section: the finishing step gives it the reference document's page
-- size and margins, turned for a landscape section. The paragraph that carries it is
-- made as small as Word allows.
local function section_end(orient)
  return pandoc.RawBlock("openxml",
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    .. '<w:rPr><w:sz w:val="2"/></w:rPr>'
    .. '<w:sectPr><w:type w:val="nextPage"/><w:pgSz w:orient="' .. orient .. '"/>'
    .. "</w:sectPr></w:pPr></w:p>")
end

-- A field list (table of contents, list of tables or of figures) with its title.
-- The field result is empty and marked dirty: Word fills it in when the document
-- is opened (it asks first), as it does for pandoc's own --toc.
local function field_list(title, style, instruction, gallery, unique)
  local title_xml = ""
  if title ~= "" then
    title_xml = '<w:p><w:pPr><w:pStyle w:val="' .. style .. '"/></w:pPr>'
      .. '<w:r><w:t xml:space="preserve">' .. xml_escape(title) .. "</w:t></w:r></w:p>"
  end
  return pandoc.RawBlock("openxml",
    "<w:sdt><w:sdtPr><w:docPartObj>"
    .. '<w:docPartGallery w:val="' .. gallery .. '"/>'
    .. (unique and "<w:docPartUnique/>" or "")
    .. "</w:docPartObj></w:sdtPr><w:sdtContent>"
    .. title_xml
    .. '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/>'
    .. '<w:instrText xml:space="preserve">' .. xml_escape(instruction) .. "</w:instrText>"
    .. '<w:fldChar w:fldCharType="separate"/><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    .. "</w:sdtContent></w:sdt>")
end

-- The titles of the table of contents and the lists (toc-title, ...). A list that
-- the composed document puts right under a heading gets none: the heading is its
-- title, and a second one would repeat it.
local titles = { toc = "", lot = "", lof = "" }

local function read_titles(meta)
  for key, _ in pairs(titles) do
    if meta[key .. "-title"] then
      titles[key] = stringify(meta[key .. "-title"])
    end
  end
end

local function styled(style, blocks)
  return pandoc.Div(blocks, pandoc.Attr("", {}, { ["custom-style"] = style }))
end

local function title_page(div)
  local out = {}
  local n = 0
  for _, block in ipairs(div.content) do
    if block.t == "Para" or block.t == "Plain" then
      n = n + 1
      if n == 3 and has_class(div, "nosubtitle") then
        n = 4 -- no subtitle: the version line keeps its own style
      end
      local style = TITLE_PAGE_STYLES[math.min(n, #TITLE_PAGE_STYLES)]
      table.insert(out, styled(style, { pandoc.Para(block.content) }))
    elseif block.t == "Div" and EMBLEM_STYLES[block.classes[1]] then
      -- one paragraph of images, each in a span (a lone image is no figure then)
      table.insert(out, styled(EMBLEM_STYLES[block.classes[1]], block.content))
    else
      table.insert(out, block)
    end
  end
  return out
end

-- Word reads an image's alternative text from the image's description, which
-- pandoc fills from the image's inlines (here the figure caption): use fig-alt.
-- An SVG chart or map is shown by its 300 dpi PNG twin (strategy/compose/document.py);
-- the finishing step adds the SVG beside it, which Word 2016 and later prefer.
local function image_alt(img)
  if img.src:match("%.svg$") then
    img.src = img.src:gsub("%.svg$", ".png")
  end
  local alt = img.attributes["fig-alt"]
  if alt and alt ~= "" then
    img.caption = { pandoc.Str(alt) }
    img.attributes["fig-alt"] = nil
  end
  return img
end

-- Tables to keep on one page and key-value tables: pandoc's writer applies no style
-- inside a cell, so they are named by a bookmark (the table's identifier) that the
-- export's refine step (strategy/export/docx/refine.py) reads and removes.
local marked = 0
local function table_mark(tbl)
  local wanted = {}
  for _, class in ipairs({ "keep", "rowheaders" }) do
    if tbl.classes:includes(class) then
      table.insert(wanted, class)
    end
  end
  if #wanted > 0 and tbl.identifier == "" then
    marked = marked + 1
    tbl.identifier = "strategy-table-" .. table.concat(wanted, "-") .. "-" .. marked
  end
  return tbl
end

-- Block-level constructs. A page break right after another break (or after the
-- title page, which ends with one) is dropped: two breaks would leave a blank page.
-- Only the body and divs are searched, not every table cell: that keeps the filter
-- cheap on documents with long tables.
local blocks

blocks = function(list)
  local out = pandoc.Blocks({})
  local broke = false
  for i, block in ipairs(list) do
    local is_break = false
    -- A list right under a heading takes that heading as its title (see titles).
    local titled = not (i > 1 and list[i - 1].t == "Header")
    local function title(key)
      return titled and titles[key] or ""
    end
    if block.t == "Div" and has_class(block, "titlepage") then
      out:extend(title_page(block))
      out:insert(PAGE_BREAK)
      is_break = true
    elseif block.t == "Div" and has_class(block, "pagebreak") then
      if not broke then
        out:insert(PAGE_BREAK)
      end
      is_break = true
    elseif block.t == "Div" and has_class(block, "toc") then
      out:insert(field_list(title("toc"), "TOCHeading", 'TOC \\o "1-3" \\h \\z \\u',
        "Table of Contents", true))
    elseif block.t == "Div" and has_class(block, "lot") then
      -- pandoc's native numbering names its SEQ fields "Table" and "Figure".
      out:insert(field_list(title("lot"), LIST_TITLE_STYLE, 'TOC \\h \\z \\c "Table"',
        "Table of Figures", false))
    elseif block.t == "Div" and has_class(block, "lof") then
      out:insert(field_list(title("lof"), LIST_TITLE_STYLE, 'TOC \\h \\z \\c "Figure"',
        "Table of Figures", false))
    elseif block.t == "Div" and has_class(block, "source") then
      out:insert(styled(SOURCE_STYLE, block.content))
    elseif block.t == "Div" and has_class(block, "landscape") then
      out:insert(section_end("portrait"))
      out:extend(blocks(block.content))
      out:insert(section_end("landscape"))
      is_break = true
    elseif block.t == "Div" then
      block.content = blocks(block.content)
      out:insert(block)
    else
      out:insert(block)
    end
    broke = is_break
  end
  return out
end

-- One traversal of the body, after the titles are read from the metadata.
return {
  {
    Pandoc = function(doc)
      read_titles(doc.meta)
      doc.blocks = blocks(doc.blocks:walk({ Image = image_alt, Table = table_mark }))
      return doc
    end,
  },
}
