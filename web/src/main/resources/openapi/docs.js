// Renders /api/openapi.json with the packaged Swagger UI (a file, not an inline script, for the CSP).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
