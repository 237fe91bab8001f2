// 由 shibai wps install 写入（端口和本机令牌）。源码中的这份没有令牌：请用 shibai wps install 安装。
var SHIBAI_SETTINGS = {"port": 27315, "token": ""};
