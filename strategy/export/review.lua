-- Review marks from a Word round trip (pandoc --track-changes=all), shared by the
-- PDF's and the HTML page's filters (pdf/typst.lua, html/html.lua): a reader sees the
-- text as it would be with every change accepted and no comments. The DOCX keeps them.
--
-- Loaded with dofile from the filter's own folder (see ``load`` in those filters), so
-- it works the same under --lua-filter and in the build's one pandoc session.

local REVIEW_DROP = {
  deletion = true,
  ["comment-start"] = true,
  ["comment-end"] = true,
  ["paragraph-insertion"] = true,
  ["paragraph-deletion"] = true,
}

-- One rule for spans and divs alike (a paragraph inserted whole is a div): a dropped
-- mark goes with its content, an insertion leaves its content, anything else is kept.
local function review(el)
  for _, class in ipairs(el.classes) do
    if REVIEW_DROP[class] then
      return {}
    end
  end
  if el.classes:includes("insertion") then
    return el.content
  end
  return nil
end

return { review = review }
