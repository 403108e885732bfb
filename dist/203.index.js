export const id = 203;
export const ids = [203];
export const modules = {

/***/ 8203:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   helmArchiveName: () => (/* binding */ helmArchiveName),
/* harmony export */   installHelm: () => (/* binding */ installHelm),
/* harmony export */   parseChecksumFile: () => (/* binding */ parseChecksumFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9805);
/* harmony import */ var _result_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1666);






const ARCH = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ppc64: 'ppc64le',
    s390x: 's390x'
};
const OS = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
function helmArchiveName(version, platform, arch) {
    const os = OS[platform];
    const cpu = ARCH[arch];
    if (!os || !cpu)
        throw new _result_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`Input "helm-version": no Helm build for ${platform}/${arch}.`);
    return `helm-${version}-${os}-${cpu}.${os === 'windows' ? 'zip' : 'tar.gz'}`;
}
/** The first field of a `.sha256sum` file (`<hex>  <file name>`), or the file itself when bare. */
function parseChecksumFile(text) {
    const hex = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!/^[0-9a-f]{64}$/.test(hex))
        throw new Error('the checksum file holds no SHA-256 digest');
    return hex;
}
async function sha256(file) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for await (const chunk of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file))
        hash.update(chunk);
    return hash.digest('hex');
}
/**
 * Installs an exact Helm version into the runner's tool cache and returns the binary's path.
 * The archive is refused unless its SHA-256 matches the checksum file published beside it.
 */
async function installHelm(version, baseUrl, log, platform = process.platform, arch = process.arch) {
    const exe = platform === 'win32' ? 'helm.exe' : 'helm';
    const cached = _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__/* .find */ .I6('helm', version.replace(/^v/, ''), arch);
    if (cached) {
        log(`Using Helm ${version} from the tool cache`);
        return (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(cached, exe);
    }
    const name = helmArchiveName(version, platform, arch);
    const url = `${baseUrl}/${name}`;
    log(`Downloading Helm ${version} from ${url}`);
    let archive;
    let sumFile;
    try {
        archive = await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__/* .downloadTool */ .bq(url);
        sumFile = await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__/* .downloadTool */ .bq(`${url}.sha256sum`);
    }
    catch (e) {
        throw new _result_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`Input "helm-version" "${version}": could not download ${url} (${e.message}). Check that the version exists, or set helm-download-url to a reachable mirror.`);
    }
    const expected = parseChecksumFile(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(sumFile, 'utf8'));
    const actual = await sha256(archive);
    if (actual !== expected)
        throw new _result_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .y(`Helm archive ${name} failed its checksum: expected SHA-256 ${expected}, got ${actual}. Nothing was installed; check helm-download-url.`);
    const dir = name.endsWith('.zip') ? await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__/* .extractZip */ .JE(archive) : await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__/* .extractTar */ .nN(archive);
    const folder = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, `${OS[platform]}-${ARCH[arch]}`);
    const cachedDir = await _actions_tool_cache__WEBPACK_IMPORTED_MODULE_4__/* .cacheDir */ .e8(folder, 'helm', version.replace(/^v/, ''), arch);
    const binary = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(cachedDir, exe);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.chmod)(binary, 0o755);
    log(`Installed Helm ${version} (SHA-256 ${actual.slice(0, 12)}… verified)`);
    return binary;
}


/***/ })

};

//# sourceMappingURL=203.index.js.map