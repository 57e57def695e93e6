"""The example's ``orders`` app: orders, their process, handlers, receivers and pages."""
