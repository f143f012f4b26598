// Side-effect imports: every built-in node type registers its executor here.
