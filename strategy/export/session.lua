-- One pandoc process for every output of a build: the Markdown is read once, and each
-- writer starts from that one document (pandoc.py's PandocSession drives it).
--
-- arg[1] is a JSON job: {"markdown": path, "outputs": [{"to", "filter", "metadata",
-- "options", "text", "template", "out", "wait"}]}. For each output in order: the
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

local function read_chapters(chapters)
  local blocks, meta, fresh, seen = pandoc.Blocks({}), nil, {}, {}
  for _, chapter in ipairs(chapters) do
    local doc, known
    if chapter.json then
      local text = slurp(chapter.json)
      known = new_header_ids(text, seen)
      doc = pandoc.read(text, "json")
    else
      doc = pandoc.read(slurp(chapter.markdown), "markdown")
      table.insert(fresh, { doc = doc, keep = chapter.keep })
    end
    local clash = false
    for _, id in ipairs(known or {}) do
      seen[id] = true
    end
    doc = known and doc or doc:walk({
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
        return h
      end,
    })
    if clash then
      return nil, {}
    end
    meta = meta or doc.meta
    blocks:extend(doc.blocks)
  end
  return pandoc.Pandoc(blocks, meta), fresh
end

local read, fresh = nil, {}
if job.chapters and #job.chapters > 0 then
  -- A chapter that cannot be read so (a kept reading pandoc refuses) is no failure of
  -- the build: the document is read whole.
  local ok, doc, kept = pcall(read_chapters, job.chapters)
  if ok then
    read, fresh = doc, kept
  end
end
if not read then
  fresh = {}
  read = pandoc.read(slurp(job.markdown), "markdown")
end
say("done 0")

for index, output in ipairs(job.outputs) do
  if output.wait then
    io.stdin:read("l")
  end
  local doc = read:clone()
  for key, value in pairs(output.metadata or {}) do
    doc.meta[key] = value
  end
  if output.filter then
    doc = pandoc.utils.run_lua_filter(doc, output.filter)
  end
  local options = pandoc.WriterOptions(output.options or {})
  if output.template then
    local file = assert(io.open(output.template, "r"))
    options.template = pandoc.template.compile(file:read("a"), output.template)
    file:close()
  end
  local result = pandoc.write(doc, output.to, options)
  if output.text and result:sub(-1) ~= "\n" then
    result = result .. "\n" -- as pandoc's command line ends a text output
  end
  local out = assert(io.open(output.out, "wb"))
  out:write(result)
  out:close()
  say("done " .. index)
end

for _, chapter in ipairs(fresh) do
  local out = assert(io.open(chapter.keep .. ".part", "wb"))
  out:write(pandoc.write(chapter.doc, "json"))
  out:close()
  os.rename(chapter.keep .. ".part", chapter.keep)
end
say("done chapters")
