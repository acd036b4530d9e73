"""The home page's sections, one module per role's work (docs/definitions.md "Home pages"): each
loads the figures its pages already show – through the same viewer, scope and disclosure gate, from
the stored series – and hands the template items that link to those pages."""
