export default defineBackground(() => {
  console.info('OKR Lens background started');
});
