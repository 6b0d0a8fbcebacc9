-- One pandoc process for every output of a build: the Markdown is read once, and each
-- writer starts from that one document (pandoc.py's PandocSession drives it).
--
-- arg[1] is a JSON job: {"markdown": path, "reader": pandoc's input format, "outputs": [{"to", "filter", "metadata",
-- "options", "text", "template", "out", "wait", "by_chapter"}], "chapters", "explicit"}. For each output in order: the
-- metadata is set, the filter applied (to a copy: the next writer starts from the
-- document as read), the writer run (standalone with "template" when given, as
-- pandoc's --standalone --template) and its result written to "out". An output with "wait" first reads
-- one line from stdin: the caller sends it once the images the writer embeds are on
-- disk. After reading and after each output a line "done N" goes to stdout (N = 0
-- for the reading, 1.. for the outputs), so the caller knows which stage failed.

local job = pandoc.json.decode(io.open(arg[1], "r"):read("a"), false)

local function say(line)
  io.stdout:write(line, "\n")
  io.stdout:flush()
end

local function slurp(path)
  local handle = assert(io.open(path, "rb"))
  local text = handle:read("a")
  handle:close()
  return text
end

-- "chapters", when given, are the Markdown cut before each chapter (pandoc.py's
-- chapters()), each as its text or as the document an earlier session read it into
-- (JSON): their blocks put together are the document read whole. pandoc makes the
-- headings' identifiers unique over the whole document: a heading of a later chapter
-- whose made identifier an earlier one has gets the one pandoc gives it, "x-1" (the
-- first "x-N" not taken before it), when that is surely what reading it whole gives
-- (not an identifier the text names, "explicit", nor one already ending "-N");
-- otherwise the document is read whole after all. The chapters read from their text
-- are kept as JSON ("keep") once every output is written: a later build of the
-- document reads only the changed ones.
local explicit = {}
for _, id in ipairs(job.explicit or {}) do
  explicit[id] = true
end

-- The headings' identifiers in a chapter's JSON, in the document's order, found in its
-- text (pandoc's JSON writes a heading as {"t":"Header","c":[level,[id,...); nil when
-- an identifier holds an escape, or when one is new to none of them: the chapter is
-- then walked.
local function new_header_ids(text, seen)
  local ids, own = {}, {}
  for id in text:gmatch('"t":"Header","c":%[%d+,%["(.-)",') do
    if id:find("\\", 1, true) or seen[id] or own[id] then
      return nil
    end
    own[id] = true
    table.insert(ids, id)
  end
  return ids
end

-- Each chapter as read: its document ("doc", or the JSON "text" it is decoded from
-- only when a writer needs it), whether a heading of it was given another identifier
-- ("renamed"), its kept typst-like part ("part") and where to keep one ("keep_part").
local function read_chapters(chapters)
  local parts, fresh, seen = {}, {}, {}
  for _, chapter in ipairs(chapters) do
    local doc, known, text
    if chapter.json then
      text = slurp(chapter.json)
      known = new_header_ids(text, seen)
      if not known then
        doc = pandoc.read(text, "json")
      end
    else
      doc = pandoc.read(slurp(chapter.markdown), job.reader)
      table.insert(fresh, { doc = doc, keep = chapter.keep })
    end
    local clash, renamed = false, false
    for _, id in ipairs(known or {}) do
      seen[id] = true
    end
    if not known then
      doc = doc:walk({
        Header = function(h)
          local id = h.identifier
          if not seen[id] then
            seen[id] = true
            return nil
          end
          if explicit[id] or id:match("%-%d+$") then
            clash = true
            return nil
          end
          local n = 1
          while seen[id .. "-" .. n] do
            n = n + 1
          end
          h.identifier = id .. "-" .. n
          seen[h.identifier] = true
          renamed = true
          return h
        end,
      })
    end
    if clash then
      return nil, {}
    end
    table.insert(parts, { doc = doc, text = text, renamed = renamed, part = chapter.part,
                          keep_part = chapter.keep_part })
  end
  return parts, fresh
end

local function decoded(part)
  if not part.doc then
    part.doc = pandoc.read(part.text, "json")
  end
  return part.doc
end

local function whole(parts)
  local blocks = pandoc.Blocks({})
  for _, part in ipairs(parts) do
    blocks:extend(decoded(part).blocks)
  end
  return pandoc.Pandoc(blocks, decoded(parts[1]).meta)
end

-- An output marked "by_chapter" (its filter and writer treat each top-level block on
-- its own: typst) is written chapter by chapter, each chapter's text kept for the next
-- build, and the texts joined as writing the whole document joins their blocks: by
-- the longer of the line breaks the last block of one asks after it and the first
-- block of the next asks before it (pandoc's layout keeps the longer of two breaks).
-- Each chapter's breaks are found by writing its first and last block beside a probe.
local PROBE = "strategy-probe"

local function breaks(blocks, to, options)
  local function lone(block)
    return pandoc.write(pandoc.Pandoc({ block }), to, options)
  end
  local probe = pandoc.RawBlock(to, PROBE)
  local first, last = blocks[1], blocks[#blocks]
  local before = pandoc.write(pandoc.Pandoc({ probe, first }), to, options)
  local after = pandoc.write(pandoc.Pandoc({ last, probe }), to, options)
  local lone_first, lone_last = lone(first), lone(last)
  if before:sub(1, #PROBE) ~= PROBE or before:sub(-#lone_first) ~= lone_first
      or after:sub(1, #lone_last) ~= lone_last or after:sub(-#PROBE) ~= PROBE then
    return nil
  end
  local lead = before:sub(#PROBE + 1, #before - #lone_first)
  local trail = after:sub(#lone_last + 1, #after - #PROBE)
  if not lead:match("^\n+$") or not trail:match("^\n+$") then
    return nil
  end
  return #lead, #trail
end

-- A copy of ``doc`` with the output's metadata and through its filter: the document
-- read is shared by every output, so each filters its own copy.
local function filtered(doc, output)
  doc = doc:clone()
  for key, value in pairs(output.metadata or {}) do
    doc.meta[key] = value
  end
  if output.filter then
    doc = pandoc.utils.run_lua_filter(doc, output.filter)
  end
  return doc
end

local function chapter_part(part, meta, output, options)
  local kept = not part.renamed and part.part and slurp(part.part)
  if kept then
    local lead, trail, text = kept:match("^(%d+) (%d+)\n(.*)$")
    if lead then
      return { lead = tonumber(lead), trail = tonumber(trail), text = text }
    end
  end
  local doc = filtered(pandoc.Pandoc(decoded(part).blocks, meta), output)
  if #doc.blocks == 0 then
    return nil
  end
  local lead, trail = breaks(doc.blocks, output.to, options)
  if not lead then
    return nil
  end
  local made = { lead = lead, trail = trail, text = pandoc.write(doc, output.to, options) }
  if not part.renamed then
    made.keep = part.keep_part
  end
  return made
end

local function by_chapter(parts, output, options)
  local meta = decoded(parts[1]).meta
  local texts, made = {}, {}
  for index, part in ipairs(parts) do
    local piece = chapter_part(part, meta, output, options)
    if not piece then
      return nil, {}
    end
    if index > 1 then
      table.insert(texts, string.rep("\n", math.max(made[index - 1].trail, piece.lead)))
    end
    table.insert(texts, piece.text)
    made[index] = piece
  end
  return table.concat(texts), made
end

local parts, fresh = nil, {}
if job.chapters and #job.chapters > 0 then
  -- A chapter that cannot be read so (a kept reading pandoc refuses) is no failure of
  -- the build: the document is read whole.
  local ok, read_parts, kept = pcall(read_chapters, job.chapters)
  if ok and read_parts then
    parts, fresh = read_parts, kept
  end
end

local read = nil
local function document()
  if not read and parts then
    local ok, doc = pcall(whole, parts)
    if ok then
      read = doc
    else
      parts, fresh = nil, {}
    end
  end
  read = read or pandoc.read(slurp(job.markdown), job.reader)
  return read
end
if not parts then
  document()
end
say("done 0")

local made_parts = {}
for index, output in ipairs(job.outputs) do
  if output.wait then
    io.stdin:read("l")
  end
  local options = pandoc.WriterOptions(output.options or {})
  if output.template then
    local file = assert(io.open(output.template, "r"))
    options.template = pandoc.template.compile(file:read("a"), output.template)
    file:close()
  end
  local result = nil
  if output.by_chapter and parts and not output.template then
    local ok, text, made = pcall(by_chapter, parts, output, options)
    if ok and text then
      result = text
      made_parts = made
    end
  end
  if not result then
    result = pandoc.write(filtered(document(), output), output.to, options)
  end
  if output.text and result:sub(-1) ~= "\n" then
    result = result .. "\n" -- as pandoc's command line ends a text output
  end
  local out = assert(io.open(output.out, "wb"))
  out:write(result)
  out:close()
  say("done " .. index)
end

local function keep(path, data)
  local out = assert(io.open(path .. ".part", "wb"))
  out:write(data)
  out:close()
  os.rename(path .. ".part", path)
end

for _, piece in pairs(made_parts) do
  if piece.keep then
    keep(piece.keep, piece.lead .. " " .. piece.trail .. "\n" .. piece.text)
  end
end
for _, chapter in ipairs(fresh) do
  keep(chapter.keep, pandoc.write(chapter.doc, "json"))
end
say("done chapters")
