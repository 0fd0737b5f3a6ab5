/** Datasets of labelled videos: the DFDC layout, plain folders, CSV lists; splits and pairing. */
package dev.dfd.train.data;
