// The admin's rich-text editor (events/admin/rich_text.py): django-prose-editor's ProseMirror
// editor on every textarea marked data-rich-text, offering only what events/richtext.py keeps
// (headings 2 to 4, lists, quotes, links, simple marks). Imported by its relative address, not
// through an import map, which would be an inline script the admin's CSP forbids.
import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Gapcursor,
  HardBreak,
  Heading,
  History,
  HorizontalRule,
  HTML,
  Italic,
  Link,
  ListItem,
  Menu,
  NoSpellCheck,
  OrderedList,
  Paragraph,
  Strike,
  Subscript,
  Superscript,
  Text,
  Underline,
  createTextareaEditor,
  initializeEditors,
} from "../django_prose_editor/editor.js";

const extensions = [
  Document,
  Dropcursor,
  Gapcursor,
  Paragraph,
  HardBreak,
  Text,
  History,
  Menu,
  HTML,
  NoSpellCheck,
  Blockquote,
  Bold,
  Italic,
  Underline,
  Strike,
  Subscript,
  Superscript,
  Heading.configure({ levels: [2, 3, 4] }),
  BulletList,
  OrderedList,
  ListItem,
  HorizontalRule,
  Link,
];

initializeEditors((textarea) => {
  if (textarea.closest(".prose-editor")) return;
  const editor = createTextareaEditor(textarea, extensions);
  // The editable area replaces the textarea on screen: it takes over the field's label.
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label) {
    editor.view.dom.setAttribute("aria-label", label.textContent.replace(/:\s*$/, ""));
  }
}, "[data-rich-text]");
