-- rulec for Neovim: `.rules` files get the filetype `rules` and the language
-- server `rulec lsp`. Put this file in ~/.config/nvim/plugin/ (or require it
-- from init.lua). Neovim 0.8+ has vim.lsp.start; 0.7 uses start_client.

vim.filetype = vim.filetype or {}
if vim.filetype.add then
  vim.filetype.add({ extension = { rules = "rules" } })
else
  vim.cmd([[autocmd BufRead,BufNewFile *.rules setfiletype rules]])
end

-- Set RULEC_DB and RULEC_USER in the environment to add the store's templates,
-- segment member counts and rule firings (the store is only read).
local function root_of(path)
  local found = vim.fs and vim.fs.find and vim.fs.find({ ".git", "Rules" }, { upward = true, path = path })[1]
  return found and vim.fn.fnamemodify(found, ":h") or vim.fn.getcwd()
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "rules",
  callback = function(args)
    vim.bo[args.buf].commentstring = "# %s"
    local config = {
      name = "rulec",
      cmd = { "rulec", "lsp" },
      root_dir = root_of(vim.api.nvim_buf_get_name(args.buf)),
    }
    if vim.lsp.start then
      vim.lsp.start(config)
    else
      local id = vim.lsp.start_client(config)
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end
  end,
})
