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

local handle = assert(io.open(job.markdown, "r"))
local source = handle:read("a")
handle:close()
local read = pandoc.read(source, "markdown")
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
